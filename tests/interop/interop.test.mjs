// Interop between jot and the npm packages jsonwebtoken (9.0.2) and jose (5.x), for every
// algorithm both sides support (jsonwebtoken has neither EdDSA nor ES256K):
//   - a token signed by the Node library verifies in jot (jot_interop_tool verify), and the
//     same token with a damaged signature is refused by jot;
//   - a token signed by jot verifies in the Node library, and damaged, is refused by it.
// Keys come from Node's crypto. jot reads PEM (PKCS#8 / SPKI) in the jsonwebtoken cases and
// JWK in the jose cases, so both key formats cross the boundary. The JWE cases (at the end)
// cross jot and jose both ways for every alg/enc pair jot supports.
//
// Run: JOT_INTEROP_TOOL=/path/to/jot_interop_tool node --test interop.test.mjs

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import jsonwebtoken from 'jsonwebtoken';
import * as jose from 'jose';

const TOOL = process.env.JOT_INTEROP_TOOL;
if (!TOOL || !fs.existsSync(TOOL)) {
  throw new Error('set JOT_INTEROP_TOOL to the jot_interop_tool executable');
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jot-interop-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

let ran = 0;
let failed = 0;
after(() => console.log(`interop: ${ran} cases ran, ${failed} failed`));

// Counts every case, so the summary says how many crossings were checked.
function interopCase(name, fn) {
  test(name, async () => {
    ran += 1;
    try {
      await fn();
    } catch (error) {
      failed += 1;
      throw error;
    }
  });
}

// ---- keys ---------------------------------------------------------------------------------

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyPairs = {
  rsa,
  'P-256': crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }),
  'P-384': crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' }),
  'P-521': crypto.generateKeyPairSync('ec', { namedCurve: 'secp521r1' }),
  secp256k1: crypto.generateKeyPairSync('ec', { namedCurve: 'secp256k1' }),
  Ed25519: crypto.generateKeyPairSync('ed25519'),
  Ed448: crypto.generateKeyPairSync('ed448'),
};

// The algorithms, their key, and which Node libraries support them.
const BOTH = ['jsonwebtoken', 'jose'];
const CASES = [
  { alg: 'HS256', secretBytes: 32, libs: BOTH },
  { alg: 'HS384', secretBytes: 48, libs: BOTH },
  { alg: 'HS512', secretBytes: 64, libs: BOTH },
  ...['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'].map((alg) => ({ alg, pair: 'rsa', libs: BOTH })),
  { alg: 'ES256', pair: 'P-256', libs: BOTH },
  { alg: 'ES384', pair: 'P-384', libs: BOTH },
  { alg: 'ES512', pair: 'P-521', libs: BOTH },
  { alg: 'ES256K', pair: 'secp256k1', libs: ['jose'] },
  { alg: 'EdDSA', pair: 'Ed25519', libs: ['jose'] },
  { alg: 'EdDSA', pair: 'Ed448', libs: ['jose'] },
];

let fileCount = 0;
function writeKeyFile(contents) {
  fileCount += 1;
  const file = path.join(dir, `key-${fileCount}`);
  fs.writeFileSync(file, contents, { mode: 0o600 });
  return file;
}

// Everything one case needs: Node-side key objects and jot-side key files in the format
// this library's cases use.
function keysFor(c, lib) {
  if (c.secretBytes) {
    const secret = crypto.randomBytes(c.secretBytes);
    const file = writeKeyFile(secret);
    return { signKey: secret, verifyKey: secret, jotSignFile: file, jotVerifyFile: file };
  }
  const { privateKey, publicKey } = keyPairs[c.pair];
  const asJwk = lib === 'jose';
  const jotSignFile = writeKeyFile(
    asJwk ? JSON.stringify(privateKey.export({ format: 'jwk' }))
          : privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const jotVerifyFile = writeKeyFile(
    asJwk ? JSON.stringify(publicKey.export({ format: 'jwk' }))
          : publicKey.export({ format: 'pem', type: 'spki' }));
  return { signKey: privateKey, verifyKey: publicKey, jotSignFile, jotVerifyFile };
}

// ---- the Node libraries -------------------------------------------------------------------

const now = () => Math.floor(Date.now() / 1000);
// Non-ASCII text and nesting, so the payload bytes really cross unchanged.
const claims = () => ({ userId: 123, name: 'Zoë ✓ 日本', roles: ['a', 'b'], nested: { n: [1, 2.5, null] }, exp: now() + 600 });

const NODE = {
  jsonwebtoken: {
    sign: async (payload, key, alg) => jsonwebtoken.sign(payload, key, { algorithm: alg }),
    verify: async (token, key, alg) => jsonwebtoken.verify(token, key, { algorithms: [alg] }),
  },
  jose: {
    sign: async (payload, key, alg) =>
      new jose.SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).setIssuedAt().sign(key),
    verify: async (token, key, alg) => (await jose.jwtVerify(token, key, { algorithms: [alg] })).payload,
  },
};

// ---- jot, through jot_interop_tool ------------------------------------------------------------

function jot(op, alg, keyFile, arg) {
  const r = spawnSync(TOOL, [op, alg, keyFile, arg], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

// Changes the first character of the signature: still base64url, no longer the signature.
function damageSignature(token) {
  const at = token.lastIndexOf('.') + 1;
  return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
}

function checkClaims(got, sent) {
  assert.equal(got.userId, sent.userId);
  assert.equal(got.name, sent.name);
  assert.deepEqual(got.roles, sent.roles);
  assert.deepEqual(got.nested, sent.nested);
  assert.equal(got.exp, sent.exp);
}

for (const c of CASES) {
  const label = c.pair && c.alg === 'EdDSA' ? `EdDSA(${c.pair})` : c.alg;
  for (const lib of c.libs) {
    interopCase(`${label}: ${lib} signs, jot verifies (and refuses it damaged)`, async () => {
      const k = keysFor(c, lib);
      const sent = claims();
      const token = await NODE[lib].sign(sent, k.signKey, c.alg);
      const ok = jot('verify', c.alg, k.jotVerifyFile, token);
      assert.equal(ok.status, 0, `jot refused ${lib}'s token: ${ok.err}`);
      checkClaims(JSON.parse(ok.out), sent);

      const bad = jot('verify', c.alg, k.jotVerifyFile, damageSignature(token));
      assert.equal(bad.status, 1, 'jot accepted a damaged signature');
      assert.match(bad.err, /^invalid_signature: invalid signature/);
    });

    interopCase(`${label}: jot signs, ${lib} verifies (and refuses it damaged)`, async () => {
      const k = keysFor(c, lib);
      const sent = claims();
      const signed = jot('sign', c.alg, k.jotSignFile, JSON.stringify(sent));
      assert.equal(signed.status, 0, `jot could not sign: ${signed.err}`);
      const token = signed.out;
      const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
      assert.equal(header.alg, c.alg);

      const got = await NODE[lib].verify(token, k.verifyKey, c.alg);
      checkClaims(got, sent);
      assert.equal(typeof got.iat, 'number', 'jot adds iat like jsonwebtoken');

      await assert.rejects(NODE[lib].verify(damageSignature(token), k.verifyKey, c.alg),
                           `${lib} accepted jot's token with a damaged signature`);
    });
  }
}

// ---- JWE: jot ⇄ jose, every key-management algorithm with every content encryption ------
//
// jose encrypts (CompactEncrypt) and jot decrypts, and the reverse; each token is also
// refused by the other side once its tag is changed. The plaintext is random bytes (not
// UTF-8), so it must cross byte for byte. RSA1_5 runs with jot's opt-in (jose accepts it).

const ENCS = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512'];
const ENC_KEY_BYTES = { A128GCM: 16, A192GCM: 24, A256GCM: 32, 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64 };
const ecdhPairs = {
  'P-256': keyPairs['P-256'],
  'P-384': keyPairs['P-384'],
  'P-521': keyPairs['P-521'],
  X25519: crypto.generateKeyPairSync('x25519'),
  X448: crypto.generateKeyPairSync('x448'),
};
const ECDH = ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'];

const JWE_CASES = [];
for (const enc of ENCS) {
  JWE_CASES.push({ alg: 'dir', enc, secretBytes: ENC_KEY_BYTES[enc] });
  for (const bits of [128, 192, 256]) {
    JWE_CASES.push({ alg: `A${bits}KW`, enc, secretBytes: bits / 8 });
    JWE_CASES.push({ alg: `A${bits}GCMKW`, enc, secretBytes: bits / 8 });
  }
  for (const alg of ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512', 'RSA1_5']) {
    JWE_CASES.push({ alg, enc, pair: rsa });
  }
  // Every ECDH-ES variant with every enc on P-256; the other curves below.
  for (const alg of ECDH) JWE_CASES.push({ alg, enc, pair: ecdhPairs['P-256'], curve: 'P-256' });
  for (const alg of ['PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW']) {
    JWE_CASES.push({ alg, enc, password: true });
  }
}
for (const curve of ['P-384', 'P-521', 'X25519', 'X448']) {
  for (const alg of ECDH) JWE_CASES.push({ alg, enc: 'A256GCM', pair: ecdhPairs[curve], curve });
}

// Node-side keys and jot-side key files: raw bytes for secrets and passwords, JWK otherwise.
function jweKeysFor(c) {
  if (c.secretBytes || c.password) {
    const secret = c.password ? Buffer.from(`pass phrase ✓ ${crypto.randomBytes(6).toString('hex')}`)
                              : crypto.randomBytes(c.secretBytes);
    const file = writeKeyFile(secret);
    return { encryptKey: secret, decryptKey: secret, jotEncryptFile: file, jotDecryptFile: file };
  }
  const { privateKey, publicKey } = c.pair;
  return {
    encryptKey: publicKey,
    decryptKey: privateKey,
    jotEncryptFile: writeKeyFile(JSON.stringify(publicKey.export({ format: 'jwk' }))),
    jotDecryptFile: writeKeyFile(JSON.stringify(privateKey.export({ format: 'jwk' }))),
  };
}

function jotJwe(op, c, keyFile, arg) {
  const r = spawnSync(TOOL, [op, c.alg, c.enc, keyFile, arg]);
  return { status: r.status, out: r.stdout, err: r.stderr.toString('utf8').trim() };
}

// Changes the first character of the tag (the last segment).
function damageTag(token) {
  return damageSignature(token);
}

// jose's compactDecrypt. For RSA1_5, Node itself refuses PKCS#1 v1.5 private decryption
// (CVE-2023-46809, the same Bleichenbacher oracle) unless the process reverts that fix, so
// that one runs in a child Node started with --security-revert.
const HERE = path.dirname(new URL(import.meta.url).pathname);
async function joseDecrypt(c, token, key, options) {
  if (c.alg !== 'RSA1_5') return Buffer.from((await jose.compactDecrypt(token, key, options)).plaintext);
  const child = `import * as jose from 'jose'; import crypto from 'node:crypto';
    const [token, jwk, options] = JSON.parse(process.argv[1]);
    const key = crypto.createPrivateKey({ key: jwk, format: 'jwk' });
    try {
      const { plaintext } = await jose.compactDecrypt(token, key, options);
      process.stdout.write('\\nplaintext:' + Buffer.from(plaintext).toString('base64') + '\\n');
    } catch (error) { process.stderr.write(String(error.message)); process.exit(1); }`;
  const r = spawnSync(process.execPath,
    ['--security-revert=CVE-2023-46809', '--input-type=module', '-e', child,
     JSON.stringify([token, key.export({ format: 'jwk' }), options])],
    { cwd: HERE, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`jose refused the token: ${r.stderr.trim()}`);
  // Node prints its own "SECURITY WARNING" line on stdout first.
  const line = r.stdout.split('\n').find((l) => l.startsWith('plaintext:'));
  assert.ok(line, `no plaintext from the child: ${r.stdout}`);
  return Buffer.from(line.slice('plaintext:'.length), 'base64');
}

for (const c of JWE_CASES) {
  const label = `${c.alg}/${c.enc}${c.curve && c.curve !== 'P-256' ? ` (${c.curve})` : ''}`;

  interopCase(`JWE ${label}: jose encrypts, jot decrypts (and refuses it damaged)`, async () => {
    const k = jweKeysFor(c);
    const plaintext = crypto.randomBytes(97);
    const token = await new jose.CompactEncrypt(plaintext)
      .setProtectedHeader({ alg: c.alg, enc: c.enc })
      .encrypt(k.encryptKey);
    const ok = jotJwe('decrypt', c, k.jotDecryptFile, token);
    assert.equal(ok.status, 0, `jot refused jose's token: ${ok.err}`);
    assert.ok(Buffer.compare(ok.out, plaintext) === 0, 'the plaintext bytes differ');

    const bad = jotJwe('decrypt', c, k.jotDecryptFile, damageTag(token));
    assert.equal(bad.status, 1, 'jot decrypted a damaged tag');
    assert.match(bad.err, /^invalid_signature: decryption failed/);
    assert.equal(bad.out.length, 0, 'no plaintext for a damaged token');
  });

  interopCase(`JWE ${label}: jot encrypts, jose decrypts (and refuses it damaged)`, async () => {
    const k = jweKeysFor(c);
    const plaintext = crypto.randomBytes(97);
    const plainFile = writeKeyFile(plaintext);
    const made = jotJwe('encrypt', c, k.jotEncryptFile, plainFile);
    assert.equal(made.status, 0, `jot could not encrypt: ${made.err}`);
    const token = made.out.toString('utf8').trim();
    const header = jose.decodeProtectedHeader(token);
    assert.equal(header.alg, c.alg);
    assert.equal(header.enc, c.enc);

    const options = { keyManagementAlgorithms: [c.alg], contentEncryptionAlgorithms: [c.enc] };
    const got = await joseDecrypt(c, token, k.decryptKey, options);
    assert.ok(Buffer.compare(got, plaintext) === 0, 'the plaintext bytes differ');

    await assert.rejects(joseDecrypt(c, damageTag(token), k.decryptKey, options),
                         `jose decrypted jot's token with a damaged tag`);
  });
}
