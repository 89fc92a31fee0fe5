'use strict';
// Every error message of the spec's catalogue (§9), with its class, written out here from the
// specification (not taken from the reference implementation).

const test = require('node:test');
const assert = require('node:assert');
const crypto = require('crypto');
const jwt = require('..');
const K = require('./support/keys');

const { JsonWebTokenError, NotBeforeError, TokenExpiredError } = jwt;
const b64 = (s) => Buffer.from(s).toString('base64url');
const hs = (header, payload, secret = 's') => {
  const input = b64(JSON.stringify(header)) + '.' + b64(typeof payload === 'string' ? payload : JSON.stringify(payload));
  return input + '.' + crypto.createHmac('sha256', secret).update(input).digest('base64url');
};

function throwsExactly(fn, Class, message) {
  assert.throws(fn, (err) => {
    assert.strictEqual(err.constructor, Class, `class of "${err.message}"`);
    assert.strictEqual(err.message, message);
    return true;
  });
}

const SIGN = [
  [() => jwt.sign({}, undefined), 'secretOrPrivateKey must have a value'],
  [() => jwt.sign({}, 0), 'secretOrPrivateKey must have a value'],
  [() => jwt.sign({}, 42), 'secretOrPrivateKey is not valid key material'],
  [() => jwt.sign({}, { a: 1 }), 'secretOrPrivateKey is not valid key material'],
  [() => jwt.sign({}, K.rsa.priv), 'secretOrPrivateKey must be a symmetric key when using HS256'],
  [() => jwt.sign({}, 's', { algorithm: 'RS256' }), 'secretOrPrivateKey must be an asymmetric key when using RS256'],
  [() => jwt.sign({}, K.rsa.publicKey, { algorithm: 'RS256' }), 'secretOrPrivateKey must be an asymmetric key when using RS256'],
  [() => jwt.sign({}, K.rsa1024.priv, { algorithm: 'PS256' }), 'secretOrPrivateKey has a minimum key size of 2048 bits for PS256'],
  [() => jwt.sign(undefined, 's'), 'payload is required'],
  [() => jwt.sign(null, 's'), 'Expected "payload" to be a plain object.'],
  [() => jwt.sign([], 's'), 'Expected "payload" to be a plain object.'],
  [() => jwt.sign({}, 's', []), 'Expected "options" to be a plain object.'],
  [() => jwt.sign({}, 's', { expiresInSeconds: 1 }), '"expiresInSeconds" is not allowed in "options"'],
  [() => jwt.sign({ iat: '1' }, 's'), '"iat" should be a number of seconds'],
  [() => jwt.sign({ exp: '1' }, 's'), '"exp" should be a number of seconds'],
  [() => jwt.sign({ nbf: {} }, 's'), '"nbf" should be a number of seconds'],
  [() => jwt.sign('x', 's', { expiresIn: 1, noTimestamp: true, audience: 'a', jwtid: 'j' }), 'invalid expiresIn,noTimestamp,audience,jwtid option for string payload'],
  [() => jwt.sign(Buffer.from('x'), 's', { issuer: 'i' }), 'invalid issuer option for object payload'],
  [() => jwt.sign({ exp: 1 }, 's', { expiresIn: 1 }), 'Bad "options.expiresIn" option the payload already has an "exp" property.'],
  [() => jwt.sign({ nbf: 1 }, 's', { notBefore: 1 }), 'Bad "options.notBefore" option the payload already has an "nbf" property.'],
  [() => jwt.sign({}, 's', { expiresIn: 1.5 }), '"expiresIn" should be a number of seconds or string representing a timespan'],
  [() => jwt.sign({}, 's', { notBefore: '' }), '"notBefore" should be a number of seconds or string representing a timespan'],
  [() => jwt.sign({}, 's', { audience: 1 }), '"audience" must be a string or array'],
  [() => jwt.sign({}, 's', { audience: undefined }), '"audience" must be a string or array'],
  [() => jwt.sign({}, 's', { algorithm: 'hs256' }), '"algorithm" must be a valid string enum value'],
  [() => jwt.sign({}, 's', { header: [] }), '"header" must be an object'],
  [() => jwt.sign({}, 's', { encoding: 1 }), '"encoding" must be a string'],
  [() => jwt.sign({}, 's', { issuer: 1 }), '"issuer" must be a string'],
  [() => jwt.sign({}, 's', { subject: 1 }), '"subject" must be a string'],
  [() => jwt.sign({}, 's', { jwtid: 1 }), '"jwtid" must be a string'],
  [() => jwt.sign({}, 's', { noTimestamp: 1 }), '"noTimestamp" must be a boolean'],
  [() => jwt.sign({}, 's', { keyid: 1 }), '"keyid" must be a string'],
  [() => jwt.sign({}, 's', { mutatePayload: 1 }), '"mutatePayload" must be a boolean'],
  [() => jwt.sign({}, 's', { allowInsecureKeySizes: 1 }), '"allowInsecureKeySizes" must be a boolean'],
  [() => jwt.sign({}, 's', { allowInvalidAsymmetricKeyTypes: 1 }), '"allowInvalidAsymmetricKeyTypes" must be a boolean'],
  [() => jwt.sign({}, 's', { notBefore: 'soon' }), '"notBefore" should be a number of seconds or string representing a timespan eg: "1d", "20h", 60'],
  [() => jwt.sign({}, 's', { expiresIn: '1 fortnight' }), '"expiresIn" should be a number of seconds or string representing a timespan eg: "1d", "20h", 60'],
  [() => jwt.sign({ aud: 1 }, 's', { audience: 'a' }), 'Bad "options.audience" option. The payload already has an "aud" property.'],
  [() => jwt.sign({ iss: 1 }, 's', { issuer: 'a' }), 'Bad "options.issuer" option. The payload already has an "iss" property.'],
  [() => jwt.sign({ sub: 1 }, 's', { subject: 'a' }), 'Bad "options.subject" option. The payload already has an "sub" property.'],
  [() => jwt.sign({ jti: 1 }, 's', { jwtid: 'a' }), 'Bad "options.jwtid" option. The payload already has an "jti" property.'],
  [() => jwt.sign({}, K.ed25519.priv, { algorithm: 'RS256' }), 'Unknown key type "ed25519".'],
  [() => jwt.sign({}, K.rsa.priv, { algorithm: 'ES256' }), '"alg" parameter for "rsa" key type must be one of: RS256, PS256, RS384, PS384, RS512, PS512.'],
  [() => jwt.sign({}, K.rsa.priv, { algorithm: 'none' }), '"alg" parameter for "rsa" key type must be one of: RS256, PS256, RS384, PS384, RS512, PS512.'],
  [() => jwt.sign({}, K.ec256.priv, { algorithm: 'RS256' }), '"alg" parameter for "ec" key type must be one of: ES256, ES384, ES512.'],
  [() => jwt.sign({}, K.pssRestricted.priv, { algorithm: 'RS256' }), '"alg" parameter for "rsa-pss" key type must be one of: PS256, PS384, PS512.'],
  [() => jwt.sign({}, K.ec256.priv, { algorithm: 'ES384' }), '"alg" parameter "ES384" requires curve "secp384r1".'],
  [() => jwt.sign({}, K.pssRestricted.priv, { algorithm: 'PS384' }), 'Invalid key for this operation, its RSA-PSS parameters do not meet the requirements of "alg" PS384.'],
  [() => jwt.sign({}, K.pssUnrestricted.priv, { algorithm: 'PS256' }), 'Invalid key for this operation, its RSA-PSS parameters do not meet the requirements of "alg" PS256.'],
];

test('sign() messages (plain Error)', () => {
  for (const [fn, message] of SIGN) throwsExactly(fn, Error, message);
});

test('sign() TypeErrors from lower layers', () => {
  throwsExactly(() => jwt.sign({}, 's', { header: { alg: 'foo' } }), TypeError,
    '"foo" is not a valid algorithm.\n  Supported algorithms are:\n  "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512" and "none".');
  throwsExactly(() => jwt.sign({}, 's', { encoding: 'bogus' }), TypeError, 'Unknown encoding: bogus');
  throwsExactly(() => jwt.sign({ n: 1n }, 's'), TypeError, 'Do not know how to serialize a BigInt');
  throwsExactly(() => jwt.sign({}, 's', { header: { alg: 1 } }), TypeError, 'header.alg.startsWith is not a function');
});

const good = hs({ alg: 'HS256', typ: 'JWT' }, { a: 1 });
const VERIFY = [
  [() => jwt.verify(good, 's', { clockTimestamp: '1' }), JsonWebTokenError, 'clockTimestamp must be a number'],
  [() => jwt.verify(good, 's', { nonce: '' }), JsonWebTokenError, 'nonce must be a non-empty string'],
  [() => jwt.verify(good, 's', { allowInvalidAsymmetricKeyTypes: 1 }), JsonWebTokenError, 'allowInvalidAsymmetricKeyTypes must be a boolean'],
  [() => jwt.verify('', 's'), JsonWebTokenError, 'jwt must be provided'],
  [() => jwt.verify(5, 's'), JsonWebTokenError, 'jwt must be a string'],
  [() => jwt.verify('a.b', 's'), JsonWebTokenError, 'jwt malformed'],
  [() => jwt.verify(hs({ alg: 'HS256', typ: 'JWT' }, 'notjson'), 's'), SyntaxError, 'Unexpected token \'o\', "notjson" is not valid JSON'],
  [() => jwt.verify('a+.b.c', 's'), JsonWebTokenError, 'invalid token'],
  [() => jwt.verify(good, () => {}), JsonWebTokenError, 'verify must be called asynchronous if secret or public key is provided as a callback'],
  [() => jwt.verify(good.slice(0, good.lastIndexOf('.') + 1), 's'), JsonWebTokenError, 'jwt signature is required'],
  [() => jwt.verify(good, null), JsonWebTokenError, 'secret or public key must be provided'],
  [() => jwt.verify(good.slice(0, good.lastIndexOf('.') + 1), null), JsonWebTokenError, 'please specify "none" in "algorithms" to verify unsigned tokens'],
  [() => jwt.verify(good, 5), JsonWebTokenError, 'secretOrPublicKey is not valid key material'],
  [() => jwt.verify(good, K.rsa.pub), JsonWebTokenError, 'invalid algorithm'],
  [() => jwt.verify(good, K.rsa.pub, { algorithms: ['HS256'] }), JsonWebTokenError, 'secretOrPublicKey must be a symmetric key when using HS256'],
  [() => jwt.verify(jwt.sign({}, K.rsa.priv, { algorithm: 'RS256' }), 's', { algorithms: ['RS256'] }), JsonWebTokenError, 'secretOrPublicKey must be an asymmetric key when using RS256'],
  [() => jwt.verify(jwt.sign({}, K.rsa.priv, { algorithm: 'RS256' }), K.ec256.pub, { algorithms: ['RS256'] }), Error, '"alg" parameter for "ec" key type must be one of: ES256, ES384, ES512.'],
  [() => jwt.verify(good, 'wrong'), JsonWebTokenError, 'invalid signature'],
  [() => jwt.verify(hs({ alg: 'HS256', typ: 'JWT' }, { nbf: 'x' }), 's'), JsonWebTokenError, 'invalid nbf value'],
  [() => jwt.verify(hs({ alg: 'HS256', typ: 'JWT' }, { nbf: 4102444800 }), 's'), NotBeforeError, 'jwt not active'],
  [() => jwt.verify(hs({ alg: 'HS256', typ: 'JWT' }, { exp: null }), 's'), JsonWebTokenError, 'invalid exp value'],
  [() => jwt.verify(hs({ alg: 'HS256', typ: 'JWT' }, { exp: 1 }), 's'), TokenExpiredError, 'jwt expired'],
  [() => jwt.verify(good, 's', { audience: ['x', /y/i] }), JsonWebTokenError, 'jwt audience invalid. expected: x or /y/i'],
  [() => jwt.verify(good, 's', { audience: [] }), JsonWebTokenError, 'jwt audience invalid. expected: '],
  [() => jwt.verify(good, 's', { issuer: ['foo', 'bar'] }), JsonWebTokenError, 'jwt issuer invalid. expected: foo,bar'],
  [() => jwt.verify(good, 's', { subject: 'x' }), JsonWebTokenError, 'jwt subject invalid. expected: x'],
  [() => jwt.verify(good, 's', { jwtid: 'x' }), JsonWebTokenError, 'jwt jwtid invalid. expected: x'],
  [() => jwt.verify(good, 's', { nonce: 'x' }), JsonWebTokenError, 'jwt nonce invalid. expected: x'],
  [() => jwt.verify(hs({ alg: 'HS256', typ: 'JWT' }, { a: 1 }), 's', { maxAge: '1h' }), JsonWebTokenError, 'iat required when maxAge is specified'],
  [() => jwt.verify(hs({ alg: 'HS256', typ: 'JWT' }, { iat: 1 }), 's', { maxAge: 'x' }), JsonWebTokenError, '"maxAge" should be a number of seconds or string representing a timespan eg: "1d", "20h", 60'],
  [() => jwt.verify(hs({ alg: 'HS256', typ: 'JWT' }, { iat: 1 }), 's', { maxAge: '1h' }), TokenExpiredError, 'maxAge exceeded'],
  [() => jwt.verify(jwt.sign({}, K.ec256.priv, { algorithm: 'ES256' }).slice(0, -4), K.ec256.pub), TypeError, '"ES256" signatures must be "64" bytes, saw "61"'],
];

test('verify() messages and classes', () => {
  for (const [fn, Class, message] of VERIFY) throwsExactly(fn, Class, message);
});

test('decode() returns null for non-JWS input and throws SyntaxError only for JSON payloads', () => {
  assert.strictEqual(jwt.decode('null'), null);
  assert.strictEqual(jwt.decode(undefined), null);
  assert.strictEqual(jwt.decode('a.b'), null);
  assert.throws(() => jwt.decode(hs({ alg: 'HS256', typ: 'JWT' }, 'notjson')), SyntaxError);
  assert.strictEqual(jwt.decode(hs({ alg: 'HS256' }, 'notjson')), 'notjson');
});
