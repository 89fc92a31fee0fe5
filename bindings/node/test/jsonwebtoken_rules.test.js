'use strict';
// libjot's verify refuses what jsonwebtoken 9.0.2 accepts in four places (docs/security.md):
// a header kid/typ/cty that is not a string, a header "zip", a negative exp/nbf/iat, and a
// clock tolerance above 300 s. The binding promises jsonwebtoken's behaviour and checks
// headers and claims in lib/verify.js as jsonwebtoken does (libjot only checks the
// signature), so it keeps jsonwebtoken's answer in each case: these tests compare the two
// libraries on exactly those inputs, and would fail if the binding adopted libjot's rules.

const test = require('node:test');
const assert = require('node:assert');
const jwt = require('..');
const ref = require('jsonwebtoken');
const { outcome } = require('./support/outcome');

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!';
const NOW = 1700000000;

function same(name, run) {
  const expected = outcome(() => run(ref), ref);
  const actual = outcome(() => run(jwt), jwt);
  assert.deepStrictEqual(actual, expected, name);
  return actual;
}

// Verifies with a key callback (synchronously called back), reporting what it saw.
function verifyWithCallback(lib, token, options) {
  let seen;
  let result;
  lib.verify(
    token,
    (header, done) => {
      seen = header;
      done(null, SECRET);
    },
    options,
    (err, payload) => {
      if (err) throw err;
      result = payload;
    },
  );
  return { header: seen, payload: result };
}

test('header kid/typ/cty of other types reach the key callback as jsonwebtoken passes them', () => {
  for (const header of [{ kid: 5 }, { kid: '' }, { kid: null }, { typ: 1 }, { cty: ['x'] }]) {
    const token = ref.sign({ sub: 'a', iat: NOW }, SECRET, { header });
    const got = same(JSON.stringify(header), (lib) =>
      verifyWithCallback(lib, token, { clockTimestamp: NOW }),
    );
    assert.ok(got.value, JSON.stringify(header));
    for (const name of Object.keys(header)) {
      assert.deepStrictEqual(got.value.header[name], header[name], JSON.stringify(header));
    }
    // Signing such a header gives jsonwebtoken's token, byte for byte.
    same(`sign ${JSON.stringify(header)}`, (lib) =>
      lib.sign({ sub: 'a', iat: NOW }, SECRET, { header }),
    );
  }
});

test('a header zip is ignored, as jsonwebtoken ignores it', () => {
  const token = ref.sign({ sub: 'a', iat: NOW }, SECRET, { header: { zip: 'DEF' } });
  const got = same('zip', (lib) => lib.verify(token, SECRET, { clockTimestamp: NOW }));
  assert.deepStrictEqual(got.value, { sub: 'a', iat: NOW });
});

test('negative NumericDates are judged as jsonwebtoken judges them', () => {
  const cases = [
    { exp: -1 }, // expired (TokenExpiredError with a 1969 date)
    { nbf: -1 }, // active
    { iat: -1 }, // accepted
    { exp: -1, opts: { ignoreExpiration: true } }, // accepted
    { iat: -100, opts: { maxAge: 50 } }, // maxAge exceeded
  ];
  for (const { opts = {}, ...claims } of cases) {
    const token = ref.sign({ sub: 'a', ...claims }, SECRET, { noTimestamp: !('iat' in claims) });
    const name = JSON.stringify({ claims, opts });
    const got = same(name, (lib) => lib.verify(token, SECRET, { clockTimestamp: NOW, ...opts }));
    if ('exp' in claims && !opts.ignoreExpiration) {
      assert.strictEqual(got.error.name, 'TokenExpiredError', name);
    }
  }
});

test('clockTolerance is not bounded, as in jsonwebtoken', () => {
  const token = ref.sign({ sub: 'a', exp: NOW - 86400 }, SECRET, { noTimestamp: true });
  const got = same('a day of tolerance', (lib) =>
    lib.verify(token, SECRET, { clockTimestamp: NOW, clockTolerance: 86400 + 1 }),
  );
  assert.deepStrictEqual(got.value, { sub: 'a', exp: NOW - 86400 });
});
