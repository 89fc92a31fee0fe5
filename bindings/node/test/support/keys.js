'use strict';
// Test keys: generated once per process with Node's crypto (so nothing secret is committed),
// plus the fixtures made with the openssl command line (see fixtures/README.md).

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const fixture = (name) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8');

function pair(type, options) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync(type, options);
  return { privateKey, publicKey };
}

function pems(type, options, privateType = 'pkcs8', publicType = 'spki') {
  const { privateKey, publicKey } = pair(type, options);
  return {
    priv: privateKey.export({ type: privateType, format: 'pem' }),
    pub: publicKey.export({ type: publicType, format: 'pem' }),
    privateKey,
    publicKey,
  };
}

const rsa = pems('rsa', { modulusLength: 2048 }, 'pkcs1', 'spki');
const rsaPkcs1Pub = rsa.publicKey.export({ type: 'pkcs1', format: 'pem' });
const rsaPkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' });
const rsa1024 = pems('rsa', { modulusLength: 1024 });
const ec256 = pems('ec', { namedCurve: 'P-256' }, 'sec1');
const ec384 = pems('ec', { namedCurve: 'P-384' });
const ec521 = pems('ec', { namedCurve: 'P-521' });
const secp256k1 = pems('ec', { namedCurve: 'secp256k1' });
const ed25519 = pems('ed25519');
const pssRestricted = pems('rsa-pss', {
  modulusLength: 2048,
  hashAlgorithm: 'sha256',
  mgf1HashAlgorithm: 'sha256',
  saltLength: 32,
});
const pssUnrestricted = pems('rsa-pss', { modulusLength: 2048 });
const encrypted = rsa.privateKey.export({
  type: 'pkcs8',
  format: 'pem',
  cipher: 'aes-256-cbc',
  passphrase: 'top secret',
});

module.exports = {
  rsa,
  rsaPkcs1Pub,
  rsaPkcs8,
  rsa1024,
  ec256,
  ec384,
  ec521,
  secp256k1,
  ed25519,
  pssRestricted,
  pssUnrestricted,
  encrypted,
  cert: fixture('cert.pem'),
  certKey: fixture('cert-key.pem'),
  ecExplicit: fixture('ec-explicit.pem'),
  ecWithParams: fixture('ec-with-params.pem'),
  rsaJwk: rsa.privateKey.export({ format: 'jwk' }),
  rsaPublicJwk: rsa.publicKey.export({ format: 'jwk' }),
};
