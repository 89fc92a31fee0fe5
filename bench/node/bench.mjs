// Node peers of bench/compare.sh: jsonwebtoken, fast-jwt and jose signing and verifying the
// seed payload with HS256, RS256 and ES256. Each library gets its best usage: keys are
// parsed once (KeyObject, or fast-jwt's signer/verifier factories), fast-jwt's token cache
// stays off (it would skip the verification of a repeated token). Each verifier checks a
// token its own library signed.
//
// Prints one JSON array: [{ "name": "HS256/verify/seed/jose", "ops_per_second": … }, …],
// each figure the median of 5 timed runs after a warm-up, per second of process CPU time
// (which includes V8's helper threads: garbage collection, compilation).
//
// Usage: node bench.mjs [--min-time=SECONDS]

import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';

import jsonwebtoken from 'jsonwebtoken';
import { createSigner, createVerifier } from 'fast-jwt';
import * as jose from 'jose';

const minTimeArg = process.argv.find((a) => a.startsWith('--min-time='));
const MIN_TIME_MS = (minTimeArg ? Number(minTimeArg.split('=')[1]) : 0.3) * 1000;
const REPETITIONS = 5;

const now = Math.floor(Date.now() / 1000);
const payload = { userId: 123, iat: now, exp: now + 86400 };

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const secret = crypto.randomBytes(32);
const KEYS = {
  HS256: { sign: crypto.createSecretKey(secret), verify: crypto.createSecretKey(secret), raw: secret },
  RS256: { sign: rsa.privateKey, verify: rsa.publicKey },
  ES256: { sign: ec.privateKey, verify: ec.publicKey },
};
const pem = (key) => key.export({ format: 'pem', type: key.type === 'private' ? 'pkcs8' : 'spki' });

// Runs `op` (sync or async) for MIN_TIME_MS, REPETITIONS times; returns the median ops/s.
async function measure(op) {
  const isAsync = op() instanceof Promise;
  // Runs for `ms` of wall time; the rate is per second of this process's CPU time (like the
  // C++ side's), so that other load on the machine does not count against the library.
  const runFor = async (ms) => {
    let count = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    do {
      for (let i = 0; i < 32; i += 1) {
        if (isAsync) await op(); else op();
      }
      count += 32;
    } while (performance.now() - start < ms);
    const cpu = process.cpuUsage(cpuStart);
    return (count * 1e6) / (cpu.user + cpu.system);
  };
  await runFor(MIN_TIME_MS / 2);  // warm-up: JIT, key caches
  const rates = [];
  for (let r = 0; r < REPETITIONS; r += 1) rates.push(await runFor(MIN_TIME_MS));
  rates.sort((a, b) => a - b);
  return rates[Math.floor(REPETITIONS / 2)];
}

async function libraries(alg) {
  const k = KEYS[alg];
  const fastKeySign = alg === 'HS256' ? k.raw : pem(k.sign);
  const fastKeyVerify = alg === 'HS256' ? k.raw : pem(k.verify);
  const fastSign = createSigner({ key: fastKeySign, algorithm: alg });
  const fastVerify = createVerifier({ key: fastKeyVerify, algorithms: [alg], cache: false });

  const libs = {
    jsonwebtoken: {
      sign: () => jsonwebtoken.sign(payload, k.sign, { algorithm: alg }),
      verify: (token) => jsonwebtoken.verify(token, k.verify, { algorithms: [alg] }),
    },
    'fast-jwt': {
      sign: () => fastSign(payload),
      verify: (token) => fastVerify(token),
    },
    jose: {
      sign: () => new jose.SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(k.sign),
      verify: (token) => jose.jwtVerify(token, k.verify, { algorithms: [alg] }),
    },
  };
  return libs;
}

const results = [];
for (const alg of ['HS256', 'RS256', 'ES256']) {
  const libs = await libraries(alg);
  for (const [name, lib] of Object.entries(libs)) {
    const token = await lib.sign();
    const checked = await lib.verify(token);  // must not throw: the token is valid
    const claims = checked.payload ?? checked;
    if (claims.userId !== 123) throw new Error(`${name} ${alg}: round trip failed`);
    for (const op of ['sign', 'verify']) {
      const fn = op === 'sign' ? lib.sign : () => lib.verify(token);
      const ops = await measure(fn);
      const entry = { name: `${alg}/${op}/seed/${name}`, ops_per_second: ops };
      process.stderr.write(`${entry.name}: ${Math.round(ops)} ops/s\n`);
      results.push(entry);
    }
  }
}
console.log(JSON.stringify(results, null, 1));
