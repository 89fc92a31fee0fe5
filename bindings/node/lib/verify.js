'use strict';
// verify(): jsonwebtoken 9.0.2's verify.js behaviour, step for step (see
// shared/spec/jsonwebtoken-v9.md §6): options checked in the same order with the same
// messages and classes, the header decoded by the same lenient rules, the signature checked by
// libjot in one native call, then the claims.

const { JsonWebTokenError, NotBeforeError, TokenExpiredError } = require('./errors');
const { decode } = require('./decode');
const { timespan } = require('./timespan');
const { resolveKey } = require('./keys');
const { validateAsymmetricKey } = require('./validate_asymmetric_key');
const { resolveAlgorithm, ECDSA_SIGNATURE_BYTES } = require('./jwa');
const native = require('./native');

const HS_ALGS = ['HS256', 'HS384', 'HS512'];
const RSA_KEY_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const EC_KEY_ALGS = ['ES256', 'ES384', 'ES512'];
const PUB_KEY_ALGS = RSA_KEY_ALGS;

// Bytes Node's forgiving base64 decoder yields for n base64url characters (a dangling
// final character is ignored).
const decodedLength = (n) => Math.floor((n * 3) / 4);

// jws.verify → jwa: the algorithm's own checks (jwa TypeErrors, ecdsa-sig-formatter's length
// check), then the signature over the token's original first two segments.
function jwsVerify(token, algName, key) {
  const alg = resolveAlgorithm(algName);
  const lastDot = token.lastIndexOf('.');
  const signature = token.slice(lastDot + 1);
  if (alg === 'none') return signature === '';
  if (alg.startsWith('HS')) {
    if (key.type !== 'secret') throw new TypeError('secret must be a string or bufferor a KeyObject');
  } else {
    // ecdsa-sig-formatter converts the signature before jwa looks at the key.
    if (alg.startsWith('ES')) {
      const expected = ECDSA_SIGNATURE_BYTES[alg];
      const seen = decodedLength(signature.length);
      if (seen !== expected) {
        throw new TypeError(`"${alg}" signatures must be "${expected}" bytes, saw "${seen}"`);
      }
    }
    if (typeof key.asymmetricKeyType !== 'string') {
      throw new TypeError('key must be a string or a buffer or a KeyObject');
    }
  }
  return native.verify(key.native(), alg, token, lastDot);
}

function verify(jwtString, secretOrPublicKey, options, callback) {
  if (typeof options === 'function' && !callback) {
    callback = options;
    options = {};
  }
  if (!options) options = {};
  // A shallow clone: the caller's object is never mutated.
  options = Object.assign({}, options);

  let done;
  if (callback) {
    done = callback;
  } else {
    done = function (err, data) {
      if (err) throw err;
      return data;
    };
  }

  if (options.clockTimestamp && typeof options.clockTimestamp !== 'number') {
    return done(new JsonWebTokenError('clockTimestamp must be a number'));
  }
  if (
    options.nonce !== undefined &&
    (typeof options.nonce !== 'string' || options.nonce.trim() === '')
  ) {
    return done(new JsonWebTokenError('nonce must be a non-empty string'));
  }
  if (
    options.allowInvalidAsymmetricKeyTypes !== undefined &&
    typeof options.allowInvalidAsymmetricKeyTypes !== 'boolean'
  ) {
    return done(new JsonWebTokenError('allowInvalidAsymmetricKeyTypes must be a boolean'));
  }

  // Read through the global Date.now() at call time, so fake timers apply.
  const clockTimestamp = options.clockTimestamp || Math.floor(Date.now() / 1000);

  if (!jwtString) return done(new JsonWebTokenError('jwt must be provided'));
  if (typeof jwtString !== 'string') return done(new JsonWebTokenError('jwt must be a string'));

  const parts = jwtString.split('.');
  if (parts.length !== 3) return done(new JsonWebTokenError('jwt malformed'));

  let decodedToken;
  try {
    decodedToken = decode(jwtString, { complete: true });
  } catch (err) {
    return done(err);
  }
  if (!decodedToken) return done(new JsonWebTokenError('invalid token'));

  const header = decodedToken.header;
  let getSecret;
  if (typeof secretOrPublicKey === 'function') {
    if (!callback) {
      return done(
        new JsonWebTokenError(
          'verify must be called asynchronous if secret or public key is provided as a callback',
        ),
      );
    }
    getSecret = secretOrPublicKey;
  } else {
    getSecret = function (_header, secretCallback) {
      return secretCallback(null, secretOrPublicKey);
    };
  }

  return getSecret(header, function (err, keyMaterial) {
    if (err) {
      return done(new JsonWebTokenError('error in secret or public key callback: ' + err.message));
    }

    const hasSignature = parts[2].trim() !== '';
    if (!hasSignature && keyMaterial) {
      return done(new JsonWebTokenError('jwt signature is required'));
    }
    if (hasSignature && !keyMaterial) {
      return done(new JsonWebTokenError('secret or public key must be provided'));
    }
    if (!hasSignature && !options.algorithms) {
      return done(
        new JsonWebTokenError('please specify "none" in "algorithms" to verify unsigned tokens'),
      );
    }

    let key = keyMaterial;
    if (key != null) {
      key = resolveKey(key, 'verify');
      if (key === undefined) {
        return done(new JsonWebTokenError('secretOrPublicKey is not valid key material'));
      }
    }

    if (!options.algorithms) {
      if (key.type === 'secret') {
        options.algorithms = HS_ALGS;
      } else if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
        options.algorithms = RSA_KEY_ALGS;
      } else if (key.asymmetricKeyType === 'ec') {
        options.algorithms = EC_KEY_ALGS;
      } else {
        options.algorithms = PUB_KEY_ALGS;
      }
    }

    if (options.algorithms.indexOf(decodedToken.header.alg) === -1) {
      return done(new JsonWebTokenError('invalid algorithm'));
    }

    if (header.alg.startsWith('HS') && key.type !== 'secret') {
      return done(
        new JsonWebTokenError(`secretOrPublicKey must be a symmetric key when using ${header.alg}`),
      );
    } else if (/^(?:RS|PS|ES)/.test(header.alg) && key.type !== 'public') {
      return done(
        new JsonWebTokenError(
          `secretOrPublicKey must be an asymmetric key when using ${header.alg}`,
        ),
      );
    }

    if (!options.allowInvalidAsymmetricKeyTypes) {
      try {
        validateAsymmetricKey(header.alg, key);
      } catch (e) {
        return done(e);
      }
    }

    let valid;
    try {
      valid = jwsVerify(jwtString, decodedToken.header.alg, key);
    } catch (e) {
      return done(e);
    }
    if (!valid) return done(new JsonWebTokenError('invalid signature'));

    const payload = decodedToken.payload;

    if (typeof payload.nbf !== 'undefined' && !options.ignoreNotBefore) {
      if (typeof payload.nbf !== 'number') {
        return done(new JsonWebTokenError('invalid nbf value'));
      }
      if (payload.nbf > clockTimestamp + (options.clockTolerance || 0)) {
        return done(new NotBeforeError('jwt not active', new Date(payload.nbf * 1000)));
      }
    }

    if (typeof payload.exp !== 'undefined' && !options.ignoreExpiration) {
      if (typeof payload.exp !== 'number') {
        return done(new JsonWebTokenError('invalid exp value'));
      }
      if (clockTimestamp >= payload.exp + (options.clockTolerance || 0)) {
        return done(new TokenExpiredError('jwt expired', new Date(payload.exp * 1000)));
      }
    }

    if (options.audience) {
      const audiences = Array.isArray(options.audience) ? options.audience : [options.audience];
      const targets = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      const match = targets.some((target) =>
        audiences.some((audience) =>
          audience instanceof RegExp ? audience.test(target) : audience === target,
        ),
      );
      if (!match) {
        return done(
          new JsonWebTokenError('jwt audience invalid. expected: ' + audiences.join(' or ')),
        );
      }
    }

    if (options.issuer) {
      const invalidIssuer =
        (typeof options.issuer === 'string' && payload.iss !== options.issuer) ||
        (Array.isArray(options.issuer) && options.issuer.indexOf(payload.iss) === -1);
      if (invalidIssuer) {
        return done(new JsonWebTokenError('jwt issuer invalid. expected: ' + options.issuer));
      }
    }

    if (options.subject && payload.sub !== options.subject) {
      return done(new JsonWebTokenError('jwt subject invalid. expected: ' + options.subject));
    }
    if (options.jwtid && payload.jti !== options.jwtid) {
      return done(new JsonWebTokenError('jwt jwtid invalid. expected: ' + options.jwtid));
    }
    if (options.nonce && payload.nonce !== options.nonce) {
      return done(new JsonWebTokenError('jwt nonce invalid. expected: ' + options.nonce));
    }

    if (options.maxAge) {
      if (typeof payload.iat !== 'number') {
        return done(new JsonWebTokenError('iat required when maxAge is specified'));
      }
      const maxAgeTimestamp = timespan(options.maxAge, payload.iat);
      if (typeof maxAgeTimestamp === 'undefined') {
        return done(
          new JsonWebTokenError(
            '"maxAge" should be a number of seconds or string representing a timespan eg: "1d", "20h", 60',
          ),
        );
      }
      if (clockTimestamp >= maxAgeTimestamp + (options.clockTolerance || 0)) {
        return done(new TokenExpiredError('maxAge exceeded', new Date(maxAgeTimestamp * 1000)));
      }
    }

    if (options.complete === true) {
      return done(null, { header, payload, signature: decodedToken.signature });
    }
    return done(null, payload);
  });
}

module.exports = { verify };
