'use strict';
// Which OpenSSL does the addon really use? The node executable exports its own OpenSSL
// symbols; the addon must run on the system libcrypto it was built against, whole (its own
// calls and libcrypto's internal calls), even when the two versions differ.

const test = require('node:test');
const assert = require('node:assert');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const native = require('../lib/native');

const ADDON = native.addonPath;
const NODE = process.execPath;

function childInfo(env) {
  const out = execFileSync(
    NODE,
    ['-e', "process.stdout.write(JSON.stringify(require('./lib/native').opensslInfo()))"],
    { cwd: path.join(__dirname, '..'), env: { ...process.env, JOT_NODE_ADDON: ADDON, ...env } },
  );
  return JSON.parse(out.toString());
}

test('the addon is loaded with RTLD_DEEPBIND', () => {
  assert.strictEqual(native.deepBind, true);
});

test('OpenSSL seen from inside the addon is the system libcrypto', (t) => {
  const info = native.opensslInfo();
  t.diagnostic(`addon OpenSSL: ${info.version} (headers: ${info.headerVersion})`);
  t.diagnostic(`node's own OpenSSL: ${process.versions.openssl}`);
  t.diagnostic(`OpenSSL_version bound to: ${info.versionSymbolFrom}`);
  assert.match(info.versionSymbolFrom, /libcrypto\.so/);
  assert.match(info.digestSymbolFrom, /libcrypto\.so/);
  // The run-time library is the one the headers describe (same major.minor, as the
  // OpenSSL ABI promises).
  const [, major, minor] = /OpenSSL (\d+)\.(\d+)\.(\d+)/.exec(info.headerVersion);
  assert.strictEqual(info.major, Number(major));
  assert.strictEqual(info.minor, Number(minor));
  assert.ok(info.version.startsWith(`OpenSSL ${info.major}.${info.minor}.${info.patch}`));
});

test('the system libcrypto is mapped into the process', () => {
  native.opensslInfo();
  const maps = fs.readFileSync('/proc/self/maps', 'utf8');
  assert.match(maps, /libcrypto\.so\.3/);
  if (process.env.JOT_SYSTEM_LIBCRYPTO) {
    const real = fs.realpathSync(process.env.JOT_SYSTEM_LIBCRYPTO);
    assert.ok(maps.includes(real), `${real} not mapped`);
  }
});

test('control: a plain dlopen binds the addon to node\'s copy of OpenSSL', () => {
  // Shows that the check above can fail: without RTLD_DEEPBIND the executable's exported
  // OpenSSL wins.
  const info = childInfo({ JOT_NODE_PLAIN_DLOPEN: '1' });
  assert.doesNotMatch(info.versionSymbolFrom, /libcrypto\.so/);
});

test('no OpenSSL symbol of the addon or of libcrypto binds to the node executable', () => {
  // LD_DEBUG=bindings prints every symbol binding the dynamic linker makes.
  const run = (plain) => {
    const result = require('child_process').spawnSync(
      NODE,
      ['-e', "require('./lib/native').opensslInfo()"],
      {
        cwd: path.join(__dirname, '..'),
        env: { ...process.env, JOT_NODE_ADDON: ADDON, JOT_NODE_PLAIN_DLOPEN: plain ? '1' : '0', LD_DEBUG: 'bindings' },
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    const lines = result.stderr.toString().split('\n');
    const toNode = [];
    for (const line of lines) {
      const m = /binding file (\S+) \[\d+\] to (\S+) \[\d+\]: normal symbol `([^']+)'/.exec(line);
      if (!m) continue;
      const [, from, to, symbol] = m;
      if (!/jot\.node$|libcrypto\.so/.test(from)) continue;
      if (to === NODE || to === 'node' || to.endsWith('/node')) toNode.push(`${path.basename(from)}:${symbol}`);
    }
    return toNode;
  };
  const deep = run(false);
  const offenders = deep.filter((s) => !/:napi_/.test(s));
  assert.deepStrictEqual(offenders, [], 'only napi_* may bind to node');
  assert.ok(deep.length > 0, 'expected the napi_* bindings to be visible');
  // Control: without DEEPBIND, libcrypto's own internal calls go to node's OpenSSL.
  const plain = run(true);
  assert.ok(plain.some((s) => s.startsWith('libcrypto')), 'control run should show the mix');
});

test('signatures made inside the addon verify with node:crypto and vice versa', () => {
  const jwt = require('..');
  const crypto = require('crypto');
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const token = jwt.sign({ a: 1 }, privateKey, { algorithm: 'RS256' });
  const [h, p, s] = token.split('.');
  assert.ok(crypto.verify('sha256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url')));
});
