// Verifies a token issued by `jot serve` with Node's jose, fetching the keys from the
// server's JWKS endpoint (createRemoteJWKSet), as a third-party service would.
// Usage: node verify_with_jwks.mjs BASE_URL TOKEN ISSUER AUDIENCE ALG
import { createRemoteJWKSet, jwtVerify, errors } from 'jose';

const [baseUrl, token, issuer, audience, alg] = process.argv.slice(2);
const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', baseUrl));

const { payload, protectedHeader } = await jwtVerify(token, jwks, {
  issuer,
  audience,
  algorithms: [alg],
});
if (protectedHeader.alg !== alg) throw new Error(`alg ${protectedHeader.alg}, expected ${alg}`);
if (!protectedHeader.kid) throw new Error('token has no kid');
console.log(`jose verified: alg=${protectedHeader.alg} kid=${protectedHeader.kid} sub=${payload.sub}`);

// The control: the same token with one payload character changed must be refused.
const [h, p, s] = token.split('.');
const bytes = Buffer.from(p, 'base64url');
bytes[bytes.length - 2] ^= 1;
try {
  await jwtVerify(`${h}.${bytes.toString('base64url')}.${s}`, jwks, { algorithms: [alg] });
  console.error('jose accepted a tampered token');
  process.exit(1);
} catch (e) {
  if (!(e instanceof errors.JWSSignatureVerificationFailed)) throw e;
  console.log('jose refused the tampered token: signature verification failed');
}
