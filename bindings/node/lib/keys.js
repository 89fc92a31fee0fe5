'use strict';
// Key material → key records, with jsonwebtoken's conversion rules and a bounded cache.
//
// Classification (is it a private key, a public key, or an HMAC secret? of which type, curve,
// RSA-PSS parameters?) must match jsonwebtoken exactly, because its messages and defaults
// depend on it: so it is done by the same Node calls jsonwebtoken makes (createPrivateKey /
// createPublicKey, then createSecretKey), once per distinct key. The cryptography itself is
// libjot's: each record lazily gets a native jot::Key, parsed from the caller's PEM (falling
// back to the DER of Node's KeyObject, so both always hold the same key), and every sign and
// verify uses only that handle.

const crypto = require('crypto');
const native = require('./native');
const { JsonWebTokenError } = require('./errors');

const { KeyObject } = crypto;

// Distinct string/Buffer keys kept per usage. jsonwebtoken users typically have a handful;
// the bound keeps a stream of distinct keys (e.g. per-tenant secrets) from growing memory.
const MAX_CACHED_KEYS = 512;

class KeyCache {
  constructor(limit) {
    this.limit = limit;
    this.map = new Map();
  }
  get(key) {
    return this.map.get(key);
  }
  set(key, value) {
    if (this.map.size >= this.limit) {
      // Oldest first: Map iterates in insertion order.
      this.map.delete(this.map.keys().next().value);
    }
    this.map.set(key, value);
  }
  clear() {
    this.map.clear();
  }
}

// Strings and Buffer contents are cached apart: a string key must never find the record of a
// Buffer whose latin1 reading happens to equal it (or the reverse).
const caches = { sign: new KeyCache(MAX_CACHED_KEYS), verify: new KeyCache(MAX_CACHED_KEYS) };
const bufferCaches = {
  sign: new KeyCache(MAX_CACHED_KEYS),
  verify: new KeyCache(MAX_CACHED_KEYS),
};
const passphraseCaches = {
  sign: new KeyCache(MAX_CACHED_KEYS),
  verify: new KeyCache(MAX_CACHED_KEYS),
};

// The cache key of a plain {key, passphrase} object whose key is PEM text, or undefined.
function passphraseCacheKey(material) {
  if (material === null || typeof material !== 'object' || Buffer.isBuffer(material)) return undefined;
  if (Object.getPrototypeOf(material) !== Object.prototype) return undefined;
  const names = Object.keys(material);
  if (names.length !== 2 || !names.includes('key') || !names.includes('passphrase')) return undefined;
  const { key, passphrase } = material;
  if (typeof passphrase !== 'string') return undefined;
  if (typeof key === 'string') return JSON.stringify(['s', passphrase, key]);
  if (Buffer.isBuffer(key)) return JSON.stringify(['b', passphrase, key.toString('latin1')]);
  return undefined;
}

// KeyObjects are immutable: cache by identity.
const keyObjectRecords = { sign: new WeakMap(), verify: new WeakMap() };
// Buffers are mutable: an identity hit is used only if the content is unchanged.
const bufferRecords = { sign: new WeakMap(), verify: new WeakMap() };

// A key as jsonwebtoken sees it after conversion, plus the way to reach libjot.
class KeyRecord {
  constructor(usage, keyObject, pem, passphrase) {
    this.usage = usage;
    this.type = keyObject.type;
    this.asymmetricKeyType = keyObject.asymmetricKeyType;
    this.asymmetricKeyDetails = keyObject.asymmetricKeyDetails;
    this.keyObject = keyObject;
    this.pem = pem; // the caller's PEM text, when that is what was given
    this.passphrase = passphrase;
    this.handle = undefined;
  }

  // The native jot key, created on first use. Throws an Error carrying jot's message when
  // libjot refuses the material (see the README's list of deviations).
  native() {
    if (this.handle === undefined) {
      try {
        this.handle = createHandle(this);
      } catch (err) {
        throw refusal(this.usage, err);
      }
    }
    return this.handle;
  }
}

// libjot refused material Node accepted (see the README's deviations): reported in
// jsonwebtoken's words for the operation, with libjot's reason (minus its C++ advice).
function refusal(usage, err) {
  const reason = String(err && err.message).replace(/;\s*use .*$/s, '');
  return usage === 'sign'
    ? new Error(`secretOrPrivateKey is not valid key material: ${reason}`)
    : new JsonWebTokenError(`secretOrPublicKey is not valid key material: ${reason}`);
}

function spkiDer(keyObject) {
  const pub = keyObject.type === 'private' ? crypto.createPublicKey(keyObject) : keyObject;
  return pub.export({ format: 'der', type: 'spki' });
}

function pemToDer(pem) {
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}

function createHandle(record) {
  const ko = record.keyObject;
  if (ko.type === 'secret') return native.keyFromSecret(ko.export());
  let firstError;
  if (record.pem !== undefined) {
    // libjot parses the caller's PEM itself. Its key must be the one Node picked (a PEM file
    // may hold several blocks): compare the public halves before trusting it.
    try {
      const handle = native.keyFromPem(record.pem, record.passphrase);
      if (pemToDer(native.publicPem(handle)).equals(spkiDer(ko))) return handle;
    } catch (err) {
      firstError = err;
    }
  }
  const der =
    ko.type === 'private'
      ? ko.export({ format: 'der', type: 'pkcs8' })
      : ko.export({ format: 'der', type: 'spki' });
  try {
    return native.keyFromDer(der);
  } catch (err) {
    throw firstError || err;
  }
}

// The PEM text (and passphrase) libjot can parse directly, if the input is of that form.
function pemSource(material) {
  if (typeof material === 'string') return { pem: material };
  if (Buffer.isBuffer(material)) return { pem: material.toString('latin1') };
  if (
    material !== null &&
    typeof material === 'object' &&
    (typeof material.key === 'string' || Buffer.isBuffer(material.key)) &&
    (material.format === undefined || material.format === 'pem') &&
    (material.passphrase === undefined ||
      typeof material.passphrase === 'string' ||
      Buffer.isBuffer(material.passphrase))
  ) {
    const key = typeof material.key === 'string' ? material.key : material.key.toString('latin1');
    const passphrase =
      material.passphrase === undefined ? undefined : material.passphrase.toString();
    return { pem: key, passphrase };
  }
  return {};
}

// jsonwebtoken's conversion (sign.js:114-124, verify.js:120-130): the asymmetric parser first,
// then a secret key (a string becomes its UTF-8 bytes). Returns undefined when neither
// accepts the material ("not valid key material").
function convert(material, usage) {
  let keyObject;
  try {
    keyObject =
      usage === 'sign' ? crypto.createPrivateKey(material) : crypto.createPublicKey(material);
  } catch (_) {
    try {
      keyObject = crypto.createSecretKey(
        typeof material === 'string' ? Buffer.from(material) : material,
      );
    } catch (_) {
      return undefined;
    }
    return new KeyRecord(usage, keyObject);
  }
  const source = keyObject.type === 'secret' ? {} : pemSource(material);
  return new KeyRecord(usage, keyObject, source.pem, source.passphrase);
}

// The record for `material` used for `usage` ('sign' | 'verify'), or undefined when it is not
// valid key material. Never called with null or undefined.
function resolveKey(material, usage) {
  if (material instanceof KeyObject) {
    const records = keyObjectRecords[usage];
    let record = records.get(material);
    if (record === undefined) {
      record = new KeyRecord(usage, material);
      records.set(material, record);
    }
    return record;
  }
  if (typeof material === 'string') {
    const cache = caches[usage];
    let record = cache.get(material);
    if (record === undefined) {
      record = convert(material, usage);
      if (record !== undefined) cache.set(material, record);
    }
    return record;
  }
  if (Buffer.isBuffer(material)) {
    const byIdentity = bufferRecords[usage].get(material);
    if (byIdentity !== undefined && byIdentity.copy.equals(material)) return byIdentity.record;
    const cacheKey = material.toString('latin1');
    const cache = bufferCaches[usage];
    let record = cache.get(cacheKey);
    if (record === undefined) {
      record = convert(material, usage);
      if (record === undefined) return undefined;
      cache.set(cacheKey, record);
    }
    bufferRecords[usage].set(material, { copy: Buffer.from(material), record });
    return record;
  }
  // {key, passphrase} with a PEM string or Buffer: cached by content (decrypting a PKCS#8 key
  // runs a deliberately slow KDF, which must not happen per token).
  const passphraseKey = passphraseCacheKey(material);
  if (passphraseKey !== undefined) {
    const cache = passphraseCaches[usage];
    let record = cache.get(passphraseKey);
    if (record === undefined) {
      record = convert(material, usage);
      if (record !== undefined) cache.set(passphraseKey, record);
    }
    return record;
  }
  // Other objects ({key: jwk, format: 'jwk'}, DER objects, Uint8Arrays …) are converted on
  // every call, as jsonwebtoken does.
  return convert(material, usage);
}

function clearKeyCache() {
  for (const cache of [
    caches.sign, caches.verify, bufferCaches.sign, bufferCaches.verify,
    passphraseCaches.sign, passphraseCaches.verify,
  ]) {
    cache.clear();
  }
}

// Entries held by the bounded string/Buffer caches (for tests and diagnostics).
function keyCacheSize() {
  return {
    sign: caches.sign.map.size + bufferCaches.sign.map.size,
    verify: caches.verify.map.size + bufferCaches.verify.map.size,
  };
}

module.exports = { resolveKey, clearKeyCache, keyCacheSize, MAX_CACHED_KEYS, KeyRecord };
