// Merges the results of bench/compare.sh into one table: ops/s of jot and of each peer,
// then jot/peer ratios, with the targets of issues #6 and #15 (against the fastest C++ peer
// and against jwt-cpp), then the issuer shapes: jot/floor, jot/jwt-cpp and jot's own cost
// per payload byte.
//
// Usage: node compare_table.mjs JOT.json PEERS.json NODE.json
//   JOT.json, PEERS.json: Google Benchmark --benchmark_out (medians of the repetitions);
//   PEERS.json's jot and floor rows (interleaved with the C++ peers) replace JOT.json's
//   NODE.json: bench/node/bench.mjs output

import fs from 'node:fs';

const [jotFile, peersFile, nodeFile] = process.argv.slice(2);
const ops = new Map();  // "HS256/verify/seed/jot" → ops/s
const bytes = new Map();  // "HS256/verify/keycloak" → payload bytes (jot's counter)

const UNIT = { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1 };
function readGoogleBenchmark(file) {
  if (!file || !fs.existsSync(file)) return;
  // Google Benchmark writes NaN/inf for undefined statistics (e.g. the spread of a constant
  // counter): not JSON, so they become null.
  const text = fs.readFileSync(file, 'utf8').replace(/:\s*-?(nan|NaN|inf|Infinity)\b/g, ': null');
  const data = JSON.parse(text);
  const singles = new Map();
  for (const b of data.benchmarks) {
    if (b.error_occurred) continue;
    // CPU time: single-thread figures that stay meaningful on a shared machine.
    const rate = 1 / (b.cpu_time * UNIT[b.time_unit]);
    if (b.run_type === 'aggregate' && b.aggregate_name === 'median') ops.set(b.run_name, rate);
    if (b.payload_bytes) bytes.set(b.run_name.replace(/\/jot$/, ''), b.payload_bytes);
    if (b.run_type === 'iteration') singles.set(b.run_name, rate);
  }
  for (const [name, rate] of singles) if (!ops.has(name)) ops.set(name, rate);
}
readGoogleBenchmark(jotFile);
readGoogleBenchmark(peersFile);
if (nodeFile && fs.existsSync(nodeFile)) {
  for (const r of JSON.parse(fs.readFileSync(nodeFile, 'utf8'))) ops.set(r.name, r.ops_per_second);
}

const ROWS = ['HS256/sign/seed', 'HS256/verify/seed', 'HS256/verify/1KB', 'RS256/sign/seed',
              'RS256/verify/seed', 'ES256/sign/seed', 'ES256/verify/seed'];
const CPP_PEERS = ['libjwt', 'cpp-jwt', 'jwt-cpp'];
const NODE_PEERS = ['jsonwebtoken', 'fast-jwt', 'jose'];
const PEERS = [...CPP_PEERS, ...NODE_PEERS];

const fmt = (v) => {
  if (v === undefined) return '-';
  if (v >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (v >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)}k`;
  return v.toFixed(0);
};
const pad = (s, n) => String(s).padEnd(n);
const line = (cells, widths) => cells.map((c, i) => pad(c, widths[i])).join(' ').trimEnd();

// HS256 targets of issue #6, against the fastest C++ peer of the same run.
const TARGET_VS_CPP = { 'HS256/sign/seed': 5, 'HS256/verify/seed': 5, 'HS256/verify/1KB': 5 };
const FLOOR_TARGET = { 'HS256/sign/seed': 0.4, 'HS256/verify/seed': 0.45, 'RS256/sign/seed': 0.95,
                       'RS256/verify/seed': 0.95, 'ES256/sign/seed': 0.95, 'ES256/verify/seed': 0.95 };

console.log('\n== ops/s of CPU time (medians of 5; one run, same machine) ==');
const w1 = [18, 8, 8, 8, 8, 8, 12, 8, 8];
console.log(line(['operation', 'floor', 'jot', ...PEERS], w1));
for (const row of ROWS) {
  console.log(line([row, fmt(ops.get(`${row}/floor`)), fmt(ops.get(`${row}/jot`)),
                    ...PEERS.map((p) => fmt(ops.get(`${row}/${p}`)))], w1));
}

let missed = 0;
console.log('\n== jot / peer (how many times faster jot is) ==');
const w2 = [18, 8, 8, 8, 12, 8, 8, 11, 18];
console.log(line(['operation', ...PEERS, 'jot/floor', 'targets'], w2));
for (const row of ROWS) {
  const jot = ops.get(`${row}/jot`);
  const ratio = (p) => (jot && ops.get(`${row}/${p}`) ? jot / ops.get(`${row}/${p}`) : undefined);
  const floor = ops.get(`${row}/floor`);
  const verdicts = [];
  const bestCpp = Math.max(...CPP_PEERS.map((p) => ops.get(`${row}/${p}`) ?? 0));
  if (TARGET_VS_CPP[row] && jot && bestCpp > 0) {
    const ok = jot / bestCpp >= TARGET_VS_CPP[row];
    if (!ok) missed += 1;
    verdicts.push(`>=${TARGET_VS_CPP[row]}x C++ ${ok ? 'ok' : 'MISSED'}`);
  }
  if (FLOOR_TARGET[row] && jot && floor) {
    const ok = jot / floor >= FLOOR_TARGET[row];
    if (!ok) missed += 1;
    verdicts.push(`>=${FLOOR_TARGET[row] * 100}% floor ${ok ? 'ok' : 'MISSED'}`);
  }
  console.log(line([row, ...PEERS.map((p) => (ratio(p) ? `${ratio(p).toFixed(1)}x` : '-')),
                    jot && floor ? `${((jot / floor) * 100).toFixed(1)}%` : '-', verdicts.join(', ')], w2));
}
// Issue #15: every issuer shape (HS256 verify with iss/aud expected), against the floor on the
// same bytes and against jwt-cpp, and jot's own time (jot - floor) per payload byte, which
// must stay within 2x across the shapes (no cliff).
const SHAPES = [...ops.keys()].filter((k) => /^HS256\/verify\/[^/]+\/jot$/.test(k))
  .map((k) => k.replace(/\/jot$/, '')).filter((r) => !/\/(seed|1KB)$/.test(r));
if (SHAPES.length > 0) {
  console.log('\n== issuer shapes: HS256 verify, iss/aud expected (issue #15) ==');
  const w3 = [28, 7, 8, 8, 8, 10, 10, 10, 24];
  console.log(line(['shape', 'bytes', 'floor', 'jot', 'jwt-cpp', 'jot/floor', 'jot/jwt-cpp',
                    'own ns/B', 'targets'], w3));
  const own = [];
  for (const row of SHAPES) {
    const jot = ops.get(`${row}/jot`);
    const floor = ops.get(`${row}/floor`);
    const peer = ops.get(`${row}/jwt-cpp`);
    const size = bytes.get(row);
    const verdicts = [];
    if (jot && floor) {
      const ok = jot / floor >= 0.35;
      if (!ok) missed += 1;
      verdicts.push(`>=35% ${ok ? 'ok' : 'MISSED'}`);
    }
    if (jot && peer) {
      const ok = jot / peer >= 5;
      if (!ok) missed += 1;
      verdicts.push(`>=5x ${ok ? 'ok' : 'MISSED'}`);
    }
    const perByte = jot && floor && size ? ((1 / jot - 1 / floor) * 1e9) / size : undefined;
    if (perByte !== undefined) own.push(perByte);
    console.log(line([row.replace('HS256/verify/', ''), size ?? '-', fmt(floor), fmt(jot), fmt(peer),
                      jot && floor ? `${((jot / floor) * 100).toFixed(1)}%` : '-',
                      jot && peer ? `${(jot / peer).toFixed(1)}x` : '-',
                      perByte !== undefined ? perByte.toFixed(2) : '-', verdicts.join(', ')], w3));
  }
  if (own.length > 1) {
    const spread = Math.max(...own) / Math.min(...own);
    const ok = spread <= 2;
    if (!ok) missed += 1;
    console.log(`own cost per byte, highest / lowest: ${spread.toFixed(2)}x (target <= 2x ${ok ? 'ok' : 'MISSED'})`);
  }
}
// jot against jwt-cpp on the small token (issue #15: >= 5x for sign and verify).
for (const row of ['HS256/sign/seed', 'HS256/verify/seed']) {
  const jot = ops.get(`${row}/jot`);
  const peer = ops.get(`${row}/jwt-cpp`);
  if (!jot || !peer) continue;
  const ok = jot / peer >= 5;
  if (!ok) missed += 1;
  console.log(`${row}: jot ${fmt(jot)} / jwt-cpp ${fmt(peer)} = ${(jot / peer).toFixed(1)}x (target >= 5x ${ok ? 'ok' : 'MISSED'})`);
}
console.log(`\ntargets missed: ${missed}`);
