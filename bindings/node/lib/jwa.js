'use strict';
// Algorithm names as jws/jwa 3.2.3 / 1.4.2 resolve them: case-insensitively, with jwa's
// TypeError for anything else. Returns the canonical name libjot understands.

const ALG_RE = /^(RS|PS|ES|HS)(256|384|512)$|^(none)$/i;

function invalidAlgorithm(alg) {
  return new TypeError(
    `"${alg}" is not a valid algorithm.\n  Supported algorithms are:\n  "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512" and "none".`,
  );
}

// Canonical upper-case name ('none' for none). Throws jwa's TypeError for an unknown name.
// jwa calls String.prototype.match on the value, so non-strings throw its TypeError too.
function resolveAlgorithm(alg) {
  const match = alg.match(ALG_RE);
  if (!match) throw invalidAlgorithm(alg);
  return match[3] ? 'none' : match[1].toUpperCase() + match[2];
}

// Signature length in bytes of ES256/384/512 (JOSE r‖s), for ecdsa-sig-formatter's check.
const ECDSA_SIGNATURE_BYTES = { ES256: 64, ES384: 96, ES512: 132 };

module.exports = { resolveAlgorithm, ECDSA_SIGNATURE_BYTES };
