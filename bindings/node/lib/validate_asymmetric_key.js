'use strict';
// jsonwebtoken's lib/validateAsymmetricKey.js rules: which algorithms a key type may be used
// with, the EC curve of each ES algorithm and the RSA-PSS parameter restrictions. The curve and
// RSA-PSS checks are always performed (jsonwebtoken gates them on Node >= 15.7 / 16.9). Failures
// are plain Errors, as in jsonwebtoken.

const ALLOWED_ALGORITHMS = {
  ec: ['ES256', 'ES384', 'ES512'],
  rsa: ['RS256', 'PS256', 'RS384', 'PS384', 'RS512', 'PS512'],
  'rsa-pss': ['PS256', 'PS384', 'PS512'],
};

const CURVES = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };

// `key` is a key record (lib/keys.js) or a KeyObject: both expose asymmetricKeyType and
// asymmetricKeyDetails.
function validateAsymmetricKey(algorithm, key) {
  if (!algorithm || !key) return;
  const keyType = key.asymmetricKeyType;
  if (!keyType) return;
  const allowed = Object.prototype.hasOwnProperty.call(ALLOWED_ALGORITHMS, keyType)
    ? ALLOWED_ALGORITHMS[keyType]
    : undefined;
  if (!allowed) throw new Error(`Unknown key type "${keyType}".`);
  if (!allowed.includes(algorithm)) {
    throw new Error(
      `"alg" parameter for "${keyType}" key type must be one of: ${allowed.join(', ')}.`,
    );
  }
  if (keyType === 'ec') {
    const curve = key.asymmetricKeyDetails.namedCurve;
    if (curve !== CURVES[algorithm]) {
      throw new Error(`"alg" parameter "${algorithm}" requires curve "${CURVES[algorithm]}".`);
    }
  } else if (keyType === 'rsa-pss') {
    const bits = parseInt(algorithm.slice(-3), 10);
    const { hashAlgorithm, mgf1HashAlgorithm, saltLength } = key.asymmetricKeyDetails;
    if (hashAlgorithm !== `sha${bits}` || mgf1HashAlgorithm !== hashAlgorithm) {
      throw new Error(
        `Invalid key for this operation, its RSA-PSS parameters do not meet the requirements of "alg" ${algorithm}.`,
      );
    }
    if (saltLength !== undefined && saltLength > bits >> 3) {
      throw new Error(
        `Invalid key for this operation, its RSA-PSS parameter saltLength does not meet the requirements of "alg" ${algorithm}.`,
      );
    }
  }
}

module.exports = { validateAsymmetricKey };
