'use strict';
// Callback semantics and timing, as jsonwebtoken has them (spec §5.5, §6.3), checked
// against the real jsonwebtoken in the same run.

const test = require('node:test');
const assert = require('node:assert');
const jwt = require('..');
const ref = require('jsonwebtoken');

// Records the order of events around a call; resolves once the queue has drained.
async function trace(lib, call) {
  const events = [];
  const ret = call(lib, (label) => (err, value) => {
    events.push([label, err ? `${err.name}: ${err.message}` : null, typeof value]);
  }, events);
  events.push(['returned', typeof ret === 'string' ? 'string' : ret]);
  await new Promise((resolve) => setTimeout(resolve, 20));
  return events;
}

async function same(name, call) {
  test(name, async () => {
    assert.deepStrictEqual(await trace(jwt, call), await trace(ref, call));
  });
}

same('sign: success is asynchronous, errors are synchronous', (lib, cb, events) => {
  lib.sign({ a: 1 }, 'secret', cb('success'));
  events.push(['after-success-call']);
  lib.sign({ a: 1 }, 'secret', { expiresIn: 'bad' }, cb('error'));
  events.push(['after-error-call']);
});

same('sign: callback as third argument', (lib, cb) => lib.sign({ a: 1 }, 'secret', cb('cb')));

same('sign: failure returns the callback\'s return value', (lib) =>
  lib.sign({ a: 1 }, undefined, {}, () => 'from-callback'),
);

same('sign: the options-claims double callback (upstream #1000)', (lib, cb) =>
  lib.sign({ a: 1, aud: 'x' }, 'secret', { audience: 'y' }, cb('cb')),
);

same('sign: signing-time errors are asynchronous (BigInt)', (lib, cb, events) => {
  lib.sign({ n: 1n }, 'secret', cb('cb'));
  events.push(['after']);
});

same('sign: bad encoding is reported asynchronously', (lib, cb) =>
  lib.sign({ a: 1 }, 'secret', { encoding: 'bogus' }, cb('cb')),
);

same('sign: header.alg override to an unknown alg', (lib, cb) =>
  lib.sign({ a: 1 }, 'secret', { header: { alg: 'foo' } }, cb('cb')),
);

same('sign: none with no key never calls back', (lib, cb) =>
  lib.sign({ a: 1 }, undefined, { algorithm: 'none' }, cb('cb')),
);

same('sign: empty string payload never calls back', (lib, cb) => lib.sign('', 'secret', cb('cb')));

test('sign: number payload with a callback throws synchronously (jws DataStream)', () => {
  const run = (lib) => {
    try {
      lib.sign(123, 'secret', () => {});
      return 'no throw';
    } catch (err) {
      return `${err.name}: ${err.message}`;
    }
  };
  assert.strictEqual(run(jwt), run(ref));
  assert.strictEqual(run(jwt), 'TypeError: Unexpected data type (number)');
});

test('sign: an exception thrown by the success callback is swallowed', async () => {
  for (const lib of [jwt, ref]) {
    let calls = 0;
    lib.sign({ a: 1 }, 'secret', () => {
      calls += 1;
      throw new Error('user bug');
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.strictEqual(calls, 1);
  }
});

test('sign: non-string header.alg throws even in callback mode', () => {
  for (const lib of [jwt, ref]) {
    assert.throws(() => lib.sign({ a: 1 }, 'secret', { header: { alg: 1 } }, () => {}), TypeError);
  }
});

same('verify: callback is called synchronously and its value returned', (lib, cb, events) => {
  const token = ref.sign({ a: 1 }, 'secret');
  const ret = lib.verify(token, 'secret', (err, payload) => {
    events.push(['cb', err, typeof payload]);
    return 'cbret';
  });
  events.push(['after', ret]);
});

same('verify: errors through the callback', (lib, cb) => lib.verify('a.b', 'secret', cb('cb')));

same('verify: key function with a delayed callback', (lib, cb, events) => {
  const token = ref.sign({ a: 1 }, 'secret');
  lib.verify(token, (header, done) => setTimeout(() => done(null, 'secret'), 1), cb('cb'));
  events.push(['after']);
});

same('verify: key function error', (lib, cb) => {
  const token = ref.sign({ a: 1 }, 'secret');
  lib.verify(token, (header, done) => done(new Error('no key')), cb('cb'));
});

same('verify: key function error that is not an Error', (lib, cb) => {
  const token = ref.sign({ a: 1 }, 'secret');
  lib.verify(token, (header, done) => done('oops'), cb('cb'));
});

same('verify: key function without callback', (lib) => {
  const token = ref.sign({ a: 1 }, 'secret');
  try {
    lib.verify(token, (header, done) => done(null, 'secret'));
  } catch (err) {
    return err.message;
  }
  return 'no throw';
});

test('verify: the key function receives the decoded header', () => {
  const token = ref.sign({ a: 1 }, 'secret', { keyid: 'k1' });
  const seen = [];
  for (const lib of [jwt, ref]) lib.verify(token, (header, done) => { seen.push(header); done(null, 'secret'); }, () => {});
  assert.deepStrictEqual(seen[0], seen[1]);
  assert.strictEqual(seen[0].kid, 'k1');
});

test('verify: a null key for a whitelisted HS alg on an unsigned token throws in callback mode', () => {
  const token = ref.sign({ a: 1 }, null, { algorithm: 'none' });
  const unsignedAsHs = token.replace(token.split('.')[0], Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'));
  for (const lib of [jwt, ref]) {
    assert.throws(() => lib.verify(unsignedAsHs, null, { algorithms: ['HS256'] }, () => {}), {
      name: 'TypeError',
      message: "Cannot read properties of null (reading 'type')",
    });
  }
});

test('verify: options object is not mutated', () => {
  const options = { audience: 'x' };
  const token = ref.sign({ aud: 'x' }, 'secret');
  jwt.verify(token, 'secret', options);
  assert.deepStrictEqual(options, { audience: 'x' });
});

test('sign: options object is not cloned; payload untouched unless mutatePayload', () => {
  const payload = { a: 1 };
  jwt.sign(payload, 'secret', { expiresIn: 10 });
  assert.deepStrictEqual(payload, { a: 1 });
  jwt.sign(payload, 'secret', { expiresIn: 10, mutatePayload: true, audience: 'x' });
  assert.deepStrictEqual(Object.keys(payload), ['a', 'iat', 'exp', 'aud']);
});
