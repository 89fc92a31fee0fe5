'use strict';
// sign(): jsonwebtoken 9.0.2's sign.js behaviour, step for step (see
// shared/spec/jsonwebtoken-v9.md §5): the same validation order and messages, the same
// header/payload JSON (JSON.stringify), the same sync/callback timing, with libjot doing the
// base64url encoding and the signature in one native call.

const { KeyObject } = require('crypto');
const { isBoolean, isInteger, isNumber, isPlainObject, isString } = require('./predicates');
const { timespan } = require('./timespan');
const { resolveKey } = require('./keys');
const { validateAsymmetricKey } = require('./validate_asymmetric_key');
const { resolveAlgorithm } = require('./jwa');
const { toText } = require('./decode');
const native = require('./native');

const SUPPORTED_ALGS = [
  'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512', 'HS256', 'HS384', 'HS512', 'none',
];

const timespanMessage = (name) =>
  `"${name}" should be a number of seconds or string representing a timespan`;

const OPTIONS_SCHEMA = {
  expiresIn: {
    isValid: (v) => isInteger(v) || (isString(v) && v),
    message: timespanMessage('expiresIn'),
  },
  notBefore: {
    isValid: (v) => isInteger(v) || (isString(v) && v),
    message: timespanMessage('notBefore'),
  },
  audience: {
    isValid: (v) => isString(v) || Array.isArray(v),
    message: '"audience" must be a string or array',
  },
  algorithm: {
    isValid: (v) => SUPPORTED_ALGS.includes(v),
    message: '"algorithm" must be a valid string enum value',
  },
  header: { isValid: isPlainObject, message: '"header" must be an object' },
  encoding: { isValid: isString, message: '"encoding" must be a string' },
  issuer: { isValid: isString, message: '"issuer" must be a string' },
  subject: { isValid: isString, message: '"subject" must be a string' },
  jwtid: { isValid: isString, message: '"jwtid" must be a string' },
  noTimestamp: { isValid: isBoolean, message: '"noTimestamp" must be a boolean' },
  keyid: { isValid: isString, message: '"keyid" must be a string' },
  mutatePayload: { isValid: isBoolean, message: '"mutatePayload" must be a boolean' },
  allowInsecureKeySizes: {
    isValid: isBoolean,
    message: '"allowInsecureKeySizes" must be a boolean',
  },
  allowInvalidAsymmetricKeyTypes: {
    isValid: isBoolean,
    message: '"allowInvalidAsymmetricKeyTypes" must be a boolean',
  },
};

const CLAIMS_SCHEMA = {
  iat: { isValid: isNumber, message: '"iat" should be a number of seconds' },
  exp: { isValid: isNumber, message: '"exp" should be a number of seconds' },
  nbf: { isValid: isNumber, message: '"nbf" should be a number of seconds' },
};

const OPTIONS_TO_CLAIMS = [
  ['audience', 'aud'],
  ['issuer', 'iss'],
  ['subject', 'sub'],
  ['jwtid', 'jti'],
];

const OPTIONS_FOR_OBJECTS = [
  'expiresIn', 'notBefore', 'noTimestamp', 'audience', 'issuer', 'subject', 'jwtid',
];

const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

// Throws the first failure, in Object.keys order.
function validate(schema, allowUnknown, object, name) {
  if (!isPlainObject(object)) throw new Error(`Expected "${name}" to be a plain object.`);
  for (const key of Object.keys(object)) {
    const rule = has(schema, key) ? schema[key] : undefined;
    if (!rule) {
      if (!allowUnknown) throw new Error(`"${key}" is not allowed in "${name}"`);
      continue;
    }
    if (!rule.isValid(object[key])) throw new Error(rule.message);
  }
}

const isAsymmetricAlg = (alg) => /^(?:RS|PS|ES)/.test(alg);
const isRsaAlg = (alg) => /^(?:RS|PS)/.test(alg);

// jws.sign: the compact serialisation. The header JSON goes to libjot as latin1 (jws encodes
// it with Buffer.from(json, 'binary')); the payload as UTF-8 text, or as bytes for any other
// encoding, after Node's Buffer.from has applied (and validated) that encoding.
function jwsSign(header, payload, key, encoding) {
  const alg = resolveAlgorithm(header.alg);
  const headerJson = JSON.stringify(header);
  const payloadText = toText(payload);
  let payloadInput = payloadText;
  if (typeof payloadText !== 'string' || encoding !== 'utf8') {
    payloadInput = Buffer.from(payloadText, encoding);
  }
  checkSignerKey(alg, key);
  if (alg === 'none') {
    const encodedHeader = Buffer.from(headerJson, 'latin1').toString('base64url');
    const encodedPayload = Buffer.isBuffer(payloadInput)
      ? payloadInput.toString('base64url')
      : Buffer.from(payloadInput, 'utf8').toString('base64url');
    return encodedHeader + '.' + encodedPayload + '.';
  }
  const handle = key.native();
  return native.sign(handle, alg, headerJson, payloadInput);
}

// jwa's own key checks, reached only when the alg's spelling (e.g. 'hs256') or
// allowInvalidAsymmetricKeyTypes let a key of the wrong kind through; same TypeErrors as jwa /
// Node's crypto.
function checkSignerKey(alg, key) {
  if (alg.startsWith('HS') && key.type !== 'secret') {
    throw new TypeError('secret must be a string or bufferor a KeyObject');
  }
  if (alg !== 'none' && !alg.startsWith('HS') && key.type === 'secret') {
    throw new TypeError('Invalid key object type secret, expected private.');
  }
}

// jws.createSign's constructor checks, which throw synchronously in callback mode.
function checkStreamInputs(header, key, payload) {
  if (/^hs/i.test(header.alg) === true && key == null) {
    throw new TypeError('secret must be a string or buffer or a KeyObject');
  }
  if (!payload) return false; // jws waits forever for data that never comes
  if (!(payload.length || typeof payload === 'object')) {
    throw new TypeError('Unexpected data type (' + typeof payload + ')');
  }
  return key != null; // an absent key never emits 'close': the callback is never called
}

function once(fn) {
  let called = false;
  let result;
  return function onceWrapper(...args) {
    if (called) return result;
    called = true;
    result = fn.apply(this, args);
    return result;
  };
}

function sign(payload, secretOrPrivateKey, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  } else {
    options = options || {};
  }

  const isObjectPayload = typeof payload === 'object' && !Buffer.isBuffer(payload);

  const header = Object.assign(
    {
      alg: options.algorithm || 'HS256',
      typ: isObjectPayload ? 'JWT' : undefined,
      kid: options.keyid,
    },
    options.header,
  );

  function failure(err) {
    if (callback) return callback(err);
    throw err;
  }

  if (!secretOrPrivateKey && options.algorithm !== 'none') {
    return failure(new Error('secretOrPrivateKey must have a value'));
  }

  let key = secretOrPrivateKey;
  if (key != null) {
    key = resolveKey(key, 'sign');
    if (key === undefined) {
      return failure(new Error('secretOrPrivateKey is not valid key material'));
    }
  }

  if (header.alg.startsWith('HS') && key.type !== 'secret') {
    return failure(
      new Error(`secretOrPrivateKey must be a symmetric key when using ${header.alg}`),
    );
  } else if (isAsymmetricAlg(header.alg)) {
    if (key.type !== 'private') {
      return failure(
        new Error(`secretOrPrivateKey must be an asymmetric key when using ${header.alg}`),
      );
    }
    if (
      !options.allowInsecureKeySizes &&
      !header.alg.startsWith('ES') &&
      key.asymmetricKeyDetails !== undefined &&
      key.asymmetricKeyDetails.modulusLength < 2048
    ) {
      return failure(
        new Error(`secretOrPrivateKey has a minimum key size of 2048 bits for ${header.alg}`),
      );
    }
  }

  if (typeof payload === 'undefined') {
    return failure(new Error('payload is required'));
  } else if (isObjectPayload) {
    try {
      validate(CLAIMS_SCHEMA, true, payload, 'payload');
    } catch (error) {
      return failure(error);
    }
    if (!options.mutatePayload) payload = Object.assign({}, payload);
  } else {
    const invalid = OPTIONS_FOR_OBJECTS.filter((opt) => typeof options[opt] !== 'undefined');
    if (invalid.length > 0) {
      return failure(
        new Error('invalid ' + invalid.join(',') + ' option for ' + typeof payload + ' payload'),
      );
    }
  }

  if (typeof payload.exp !== 'undefined' && typeof options.expiresIn !== 'undefined') {
    return failure(
      new Error('Bad "options.expiresIn" option the payload already has an "exp" property.'),
    );
  }
  if (typeof payload.nbf !== 'undefined' && typeof options.notBefore !== 'undefined') {
    return failure(
      new Error('Bad "options.notBefore" option the payload already has an "nbf" property.'),
    );
  }

  try {
    validate(OPTIONS_SCHEMA, false, options, 'options');
  } catch (error) {
    return failure(error);
  }

  if (!options.allowInvalidAsymmetricKeyTypes) {
    try {
      validateAsymmetricKey(header.alg, key);
    } catch (error) {
      return failure(error);
    }
  }

  // Read through the global Date.now() at call time, so fake timers apply.
  const timestamp = payload.iat || Math.floor(Date.now() / 1000);

  if (options.noTimestamp) {
    delete payload.iat;
  } else if (isObjectPayload) {
    payload.iat = timestamp;
  }

  if (typeof options.notBefore !== 'undefined') {
    try {
      payload.nbf = timespan(options.notBefore, timestamp);
    } catch (err) {
      return failure(err);
    }
    if (typeof payload.nbf === 'undefined') {
      return failure(
        new Error(
          '"notBefore" should be a number of seconds or string representing a timespan eg: "1d", "20h", 60',
        ),
      );
    }
  }

  if (typeof options.expiresIn !== 'undefined' && typeof payload === 'object') {
    try {
      payload.exp = timespan(options.expiresIn, timestamp);
    } catch (err) {
      return failure(err);
    }
    if (typeof payload.exp === 'undefined') {
      return failure(
        new Error(
          '"expiresIn" should be a number of seconds or string representing a timespan eg: "1d", "20h", 60',
        ),
      );
    }
  }

  // jsonwebtoken copies these in a forEach whose `return failure(err)` only ends the current
  // iteration: in callback mode the callback gets the error and later, again, a token
  // (upstream issue #1000). Reproduced because callers may depend on the first call.
  for (const [option, claim] of OPTIONS_TO_CLAIMS) {
    if (typeof options[option] !== 'undefined') {
      if (typeof payload[claim] !== 'undefined') {
        failure(
          new Error(
            'Bad "options.' + option + '" option. The payload already has an "' + claim + '" property.',
          ),
        );
        continue;
      }
      payload[claim] = options[option];
    }
  }

  const encoding = options.encoding || 'utf8';

  if (typeof callback === 'function') {
    callback = once(callback);
    const willSign = checkStreamInputs(header, key, payload);
    if (!willSign) return undefined;
    // jws signs on the next tick; its errors (bad alg, encoding, JSON.stringify, crypto) go to
    // the callback, and an exception thrown by the callback on success is swallowed.
    process.nextTick(() => {
      let token;
      try {
        token = jwsSign(header, payload, key, encoding);
      } catch (err) {
        callback(err);
        return;
      }
      try {
        if (!options.allowInsecureKeySizes && isRsaAlg(header.alg) && token.length < 256) {
          callback(
            new Error(`secretOrPrivateKey has a minimum key size of 2048 bits for ${header.alg}`),
          );
          return;
        }
        callback(null, token);
      } catch (_) {
        // swallowed, as by jws (the error goes to the already-called once() callback)
      }
    });
    return undefined;
  }

  const token = jwsSign(header, payload, key, encoding);
  if (!options.allowInsecureKeySizes && isRsaAlg(header.alg) && token.length < 256) {
    throw new Error(`secretOrPrivateKey has a minimum key size of 2048 bits for ${header.alg}`);
  }
  return token;
}

module.exports = { sign, SUPPORTED_ALGS, KeyObject };
