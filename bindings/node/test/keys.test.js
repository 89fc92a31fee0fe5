'use strict';
// Key inputs and the key cache: every form jsonwebtoken accepts, PEM strings and Buffers
// parsed by libjot once (bounded cache), mutated Buffers re-read, KeyObjects by identity.

const test = require('node:test');
const assert = require('node:assert');
const crypto = require('crypto');
const jwt = require('..');
const ref = require('jsonwebtoken');
const native = require('../lib/native');
const { keyCacheSize, clearKeyCache, MAX_CACHED_KEYS } = require('../lib/keys');
const K = require('./support/keys');

// Counts native key constructions while `fn` runs.
function countParses(fn) {
  const names = ['keyFromPem', 'keyFromDer', 'keyFromSecret'];
  const originals = names.map((n) => native[n]);
  const counts = { keyFromPem: 0, keyFromDer: 0, keyFromSecret: 0 };
  names.forEach((n, i) => {
    native[n] = (...args) => {
      counts[n] += 1;
      return originals[i](...args);
    };
  });
  try {
    fn();
  } finally {
    names.forEach((n, i) => {
      native[n] = originals[i];
    });
  }
  return counts;
}

test('a PEM string is parsed by libjot once, however many tokens it signs and verifies', () => {
  clearKeyCache();
  const counts = countParses(() => {
    for (let i = 0; i < 50; i++) {
      const token = jwt.sign({ i }, K.rsa.priv, { algorithm: 'RS256' });
      assert.strictEqual(jwt.verify(token, K.rsa.pub).i, i);
    }
  });
  assert.deepStrictEqual(counts, { keyFromPem: 2, keyFromDer: 0, keyFromSecret: 0 });
});

test('a PEM Buffer is parsed once, also through another Buffer with the same bytes', () => {
  clearKeyCache();
  const counts = countParses(() => {
    const buf = Buffer.from(K.ec256.priv);
    for (let i = 0; i < 20; i++) jwt.sign({ i }, buf, { algorithm: 'ES256' });
    jwt.sign({}, Buffer.from(K.ec256.priv), { algorithm: 'ES256' });
  });
  assert.strictEqual(counts.keyFromPem, 1);
});

test('secrets are built once per distinct secret', () => {
  clearKeyCache();
  const counts = countParses(() => {
    for (let i = 0; i < 20; i++) jwt.verify(jwt.sign({ i }, 'shared secret'), 'shared secret');
  });
  assert.strictEqual(counts.keyFromSecret, 2); // one for sign, one for verify
});

test('a Buffer mutated in place is read again', () => {
  clearKeyCache();
  const buf = Buffer.from('secret-one');
  const a = jwt.sign({ a: 1 }, buf, { noTimestamp: true });
  buf.write('secret-two');
  const b = jwt.sign({ a: 1 }, buf, { noTimestamp: true });
  assert.notStrictEqual(a, b);
  assert.strictEqual(b, ref.sign({ a: 1 }, Buffer.from('secret-two'), { noTimestamp: true }));
});

test('the cache is bounded', () => {
  clearKeyCache();
  for (let i = 0; i < MAX_CACHED_KEYS + 100; i++) jwt.sign({}, `secret-${i}`);
  const size = keyCacheSize();
  assert.ok(size.sign <= MAX_CACHED_KEYS, `cache grew to ${size.sign}`);
  assert.ok(size.sign > 0);
});

test('KeyObjects are used as given and cached by identity', () => {
  const counts = countParses(() => {
    for (let i = 0; i < 10; i++) {
      jwt.verify(jwt.sign({}, K.rsa.privateKey, { algorithm: 'RS256' }), K.rsa.publicKey);
    }
  });
  assert.strictEqual(counts.keyFromDer, 2);
});

const FORMS = [
  ['PKCS#1 RSA private PEM', K.rsa.priv, K.rsa.pub, 'RS256'],
  ['PKCS#8 RSA private PEM', K.rsaPkcs8, K.rsaPkcs1Pub, 'PS384'],
  ['encrypted PKCS#8 with passphrase', { key: K.encrypted, passphrase: 'top secret' }, K.rsa.pub, 'RS512'],
  ['encrypted PKCS#8 as Buffer', { key: Buffer.from(K.encrypted), passphrase: 'top secret' }, Buffer.from(K.rsa.pub), 'RS256'],
  ['JWK objects', { key: K.rsaJwk, format: 'jwk' }, { key: K.rsaPublicJwk, format: 'jwk' }, 'RS256'],
  ['X.509 certificate for verify', K.certKey, K.cert, 'RS256'],
  ['private PEM used to verify', K.rsa.priv, K.rsa.priv, 'RS256'],
  ['SEC1 EC key', K.ec256.priv, K.ec256.pub, 'ES256'],
  ['EC key after EC PARAMETERS', K.ecWithParams, crypto.createPublicKey(K.ecWithParams), 'ES256'],
  ['EC key with explicit curve parameters', K.ecExplicit, K.ecExplicit, 'ES256'],
  ['P-384', K.ec384.priv, K.ec384.pub, 'ES384'],
  ['P-521', K.ec521.priv, K.ec521.pub, 'ES512'],
  ['restricted RSA-PSS key', K.pssRestricted.priv, K.pssRestricted.pub, 'PS256'],
  ['secret KeyObject', crypto.createSecretKey(Buffer.from('k')), crypto.createSecretKey(Buffer.from('k')), 'HS256'],
  ['empty Buffer secret', Buffer.alloc(0), Buffer.alloc(0), 'HS512'],
  ['Uint8Array secret', new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]), 'HS384'],
  ['1024-bit RSA (verify has no size limit)', K.rsa1024.priv, K.rsa1024.pub, 'RS256'],
];

for (const [name, signKey, verifyKey, alg] of FORMS) {
  test(`key form: ${name}`, () => {
    const options = { algorithm: alg, allowInsecureKeySizes: true };
    const ours = jwt.sign({ sub: name }, signKey, options);
    const theirs = ref.sign({ sub: name }, signKey, options);
    assert.strictEqual(jwt.verify(theirs, verifyKey).sub, name);
    assert.strictEqual(ref.verify(ours, verifyKey).sub, name);
    assert.strictEqual(jwt.verify(ours, verifyKey).sub, name);
  });
}

test('a string and a Buffer never share a cache entry', () => {
  clearKeyCache();
  const bytes = Buffer.from([0xe9, 0x61]); // latin1 reading: 'éa'
  const viaBuffer = jwt.sign({ a: 1 }, bytes, { noTimestamp: true });
  const viaString = jwt.sign({ a: 1 }, 'éa', { noTimestamp: true }); // UTF-8: c3 a9 61
  assert.strictEqual(viaBuffer, ref.sign({ a: 1 }, bytes, { noTimestamp: true }));
  assert.strictEqual(viaString, ref.sign({ a: 1 }, 'éa', { noTimestamp: true }));
  assert.notStrictEqual(viaBuffer, viaString);
});

test('{key, passphrase} objects are decrypted once per distinct key and passphrase', () => {
  clearKeyCache();
  const counts = countParses(() => {
    for (let i = 0; i < 10; i++) {
      jwt.sign({ i }, { key: K.encrypted, passphrase: 'top secret' }, { algorithm: 'RS256' });
    }
  });
  assert.strictEqual(counts.keyFromPem, 1);
  assert.throws(
    () => jwt.sign({}, { key: K.encrypted, passphrase: 'wrong' }, { algorithm: 'RS256' }),
    { message: 'secretOrPrivateKey is not valid key material' },
  );
});
