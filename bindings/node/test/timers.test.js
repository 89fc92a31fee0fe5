'use strict';
// Time is read through the global Date.now() at call time (fake timers must work: 56 of
// jsonwebtoken's own tests use sinon's).

const test = require('node:test');
const assert = require('node:assert');
const jwt = require('..');

test('iat, exp and nbf follow a faked Date.now', (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1000 * 1000 });
  const token = jwt.sign({}, 's', { expiresIn: '10s', notBefore: 5 });
  assert.deepStrictEqual(jwt.decode(token), { iat: 1000, nbf: 1005, exp: 1010 });
  assert.throws(() => jwt.verify(token, 's'), { name: 'NotBeforeError', message: 'jwt not active' });
  t.mock.timers.tick(5000);
  assert.deepStrictEqual(jwt.verify(token, 's'), { iat: 1000, nbf: 1005, exp: 1010 });
  t.mock.timers.tick(5000);
  assert.throws(() => jwt.verify(token, 's'), (err) => {
    assert.strictEqual(err.name, 'TokenExpiredError');
    assert.strictEqual(err.expiredAt.getTime(), 1010 * 1000);
    return true;
  });
  assert.deepStrictEqual(jwt.verify(token, 's', { clockTolerance: 1 }).exp, 1010);
});

test('maxAge is measured from iat with the faked clock', (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 2000 * 1000 });
  const token = jwt.sign({}, 's');
  t.mock.timers.tick(59 * 1000);
  assert.strictEqual(jwt.verify(token, 's', { maxAge: '1m' }).iat, 2000);
  t.mock.timers.tick(1000);
  assert.throws(() => jwt.verify(token, 's', { maxAge: '1m' }), (err) => {
    assert.strictEqual(err.message, 'maxAge exceeded');
    assert.strictEqual(err.expiredAt.getTime(), 2060 * 1000);
    return true;
  });
});

test('clockTimestamp overrides the clock; 0 means now', (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 3000 * 1000 });
  const token = jwt.sign({ exp: 3001 }, 's');
  assert.ok(jwt.verify(token, 's', { clockTimestamp: 0 }));
  assert.throws(() => jwt.verify(token, 's', { clockTimestamp: 3001 }), { message: 'jwt expired' });
});
