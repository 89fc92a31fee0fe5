'use strict';
// The module surface and error classes (spec §1, §2).

const test = require('node:test');
const assert = require('node:assert');
const jwt = require('..');

test('exports, in jsonwebtoken\'s order, on a plain mutable object', () => {
  assert.deepStrictEqual(Object.keys(jwt), [
    'decode', 'verify', 'sign', 'JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError',
  ]);
  const original = jwt.decode;
  jwt.decode = () => 'stubbed';
  assert.strictEqual(jwt.decode('x'), 'stubbed');
  jwt.decode = original;
});

test('error classes: prototype chain, enumerable properties, String()', () => {
  const { JsonWebTokenError, NotBeforeError, TokenExpiredError } = jwt;
  const e = new TokenExpiredError('jwt expired', new Date(10700));
  assert.ok(e instanceof JsonWebTokenError);
  assert.ok(e instanceof Error);
  const keys = [];
  for (const k in e) keys.push(k);
  assert.deepStrictEqual(keys, ['name', 'message', 'expiredAt', 'constructor']);
  assert.strictEqual(String(e), 'TokenExpiredError: jwt expired');
  assert.strictEqual(e.expiredAt.toISOString(), '1970-01-01T00:00:10.700Z');
  assert.ok(typeof e.stack === 'string' && !Object.keys(e).includes('stack'));

  const n = new NotBeforeError('jwt not active', new Date(0));
  assert.ok(n instanceof JsonWebTokenError);
  assert.deepStrictEqual(Object.keys(n), ['name', 'message', 'date']);

  const j = new JsonWebTokenError('m', new Error('inner'));
  assert.deepStrictEqual(Object.keys(j), ['name', 'message', 'inner']);
  assert.deepStrictEqual(Object.keys(new JsonWebTokenError('m')), ['name', 'message']);
  assert.strictEqual(Object.getPrototypeOf(JsonWebTokenError.prototype), Error.prototype);
});

test('expired and not-before errors carry Dates, fractional seconds kept', () => {
  const ref = require('jsonwebtoken');
  const token = ref.sign({ exp: 10.7 }, 's', { noTimestamp: true });
  assert.throws(() => jwt.verify(token, 's'), (err) => {
    assert.ok(err instanceof jwt.TokenExpiredError);
    assert.strictEqual(err.expiredAt.toISOString(), '1970-01-01T00:00:10.700Z');
    return true;
  });
});

test('the addon loads and works in worker threads too', async () => {
  const { Worker } = require('worker_threads');
  const path = require('path');
  const token = jwt.sign({ a: 1 }, 's');
  const code = `
    const jwt = require(${JSON.stringify(path.join(__dirname, '..'))});
    const { parentPort, workerData } = require('worker_threads');
    parentPort.postMessage(jwt.verify(workerData, 's').a);`;
  const results = await Promise.all(
    [0, 1, 2].map(
      () =>
        new Promise((resolve, reject) => {
          const w = new Worker(code, { eval: true, workerData: token });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  assert.deepStrictEqual(results, [1, 1, 1]);
});
