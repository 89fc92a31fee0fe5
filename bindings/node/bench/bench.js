'use strict';
// make bench-node: the binding against jsonwebtoken, fast-jwt and jose, in one process and
// one run, for HS256, RS256 and ES256 sign and verify. Each library is used the way its
// documentation recommends: jsonwebtoken and this binding take the PEM/secret on every call;
// fast-jwt builds a signer/verifier once; jose imports the key once (its API is async, so
// its figures include one promise per operation).
//
//   node bench/bench.js [--seconds=0.3] [--rounds=3] [--json]

const crypto = require('crypto');
const jot = require('..');
const jsonwebtoken = require('jsonwebtoken');
const fastJwt = require('fast-jwt');

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v === undefined ? true : v];
  }),
);
const SECONDS = Number(args.seconds || 0.3);
// The machine is shared: each figure is the best of ROUNDS interleaved measurements, so a
// burst of load hitting one library's turn does not decide the ratio.
const ROUNDS = Number(args.rounds || 3);

const payload = { sub: '1234567890', name: 'John Doe', admin: true };
const secret = 'a-32-byte-long-secret-for-hs256!';
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k, type) => k.export({ format: 'pem', type });
const KEYS = {
  HS256: { priv: secret, pub: secret },
  RS256: { priv: pem(rsa.privateKey, 'pkcs8'), pub: pem(rsa.publicKey, 'spki') },
  ES256: { priv: pem(ec.privateKey, 'pkcs8'), pub: pem(ec.publicKey, 'spki') },
};

// Runs `op` (sync or async) repeatedly for about SECONDS; returns operations per second.
async function measure(op) {
  for (let i = 0; i < 200; i++) await op(); // warm-up: JIT, key caches
  let ops = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(SECONDS * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 50; i++) await op();
    ops += 50;
    elapsed = process.hrtime.bigint() - start;
  }
  return ops / (Number(elapsed) / 1e9);
}

// Synchronous ops are measured without awaiting (an await per op would dominate HS256).
function measureSync(op) {
  for (let i = 0; i < 200; i++) op();
  let ops = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(SECONDS * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 50; i++) op();
    ops += 50;
    elapsed = process.hrtime.bigint() - start;
  }
  return ops / (Number(elapsed) / 1e9);
}

async function libraries(alg) {
  const { priv, pub } = KEYS[alg];
  const token = jsonwebtoken.sign(payload, priv, { algorithm: alg });
  const { importPKCS8, importSPKI, SignJWT, jwtVerify } = await import('jose');
  const josePriv = alg === 'HS256' ? new TextEncoder().encode(secret) : await importPKCS8(priv, alg);
  const josePub = alg === 'HS256' ? new TextEncoder().encode(secret) : await importSPKI(pub, alg);
  const fastSign = fastJwt.createSigner({ key: priv, algorithm: alg });
  const fastVerify = fastJwt.createVerifier({ key: pub, algorithms: [alg] });

  // Every verifier must accept the same token before it is timed.
  jot.verify(token, pub);
  fastVerify(token);
  await jwtVerify(token, josePub);

  return [
    ['jot (binding)', () => jot.sign(payload, priv, { algorithm: alg }), () => jot.verify(token, pub), false],
    ['jsonwebtoken', () => jsonwebtoken.sign(payload, priv, { algorithm: alg }), () => jsonwebtoken.verify(token, pub), false],
    ['fast-jwt', () => fastSign(payload), () => fastVerify(token), false],
    [
      'jose',
      () => new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).setIssuedAt().sign(josePriv),
      () => jwtVerify(token, josePub),
      true,
    ],
  ];
}

async function main() {
  const suites = [];
  for (const alg of ['HS256', 'RS256', 'ES256']) suites.push([alg, await libraries(alg)]);
  const best = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [alg, libs] of suites) {
      for (const [name, sign, verify, isAsync] of libs) {
        const signOps = isAsync ? await measure(sign) : measureSync(sign);
        const verifyOps = isAsync ? await measure(verify) : measureSync(verify);
        const key = `${alg} ${name}`;
        const prev = best.get(key) || { alg, name, sign: 0, verify: 0 };
        best.set(key, {
          alg,
          name,
          sign: Math.max(prev.sign, signOps),
          verify: Math.max(prev.verify, verifyOps),
        });
      }
    }
  }
  const results = [...best.values()];
  if (args.json) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(10);
  const ratio = (a, b) => (a / b).toFixed(2).padStart(6) + 'x';
  console.log(`node ${process.version}, OpenSSL ${process.versions.openssl}; best of ${ROUNDS} rounds of ${SECONDS}s`);
  console.log('alg    library          sign ops/s   verify ops/s   sign vs jot  verify vs jot');
  for (const r of results) {
    const base = results.find((x) => x.alg === r.alg && x.name === 'jot (binding)');
    console.log(
      `${r.alg}  ${r.name.padEnd(15)} ${fmt(r.sign)}    ${fmt(r.verify)}    ${ratio(base.sign, r.sign)}   ${ratio(base.verify, r.verify)}`,
    );
  }
  console.log('("vs jot" = jot ops/s ÷ library ops/s: above 1.00x means jot is faster)');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
