'use strict';
// jot: a drop-in replacement for jsonwebtoken 9 (`require('jsonwebtoken')` → `require('jot-jwt')`),
// with libjot doing the cryptography. Same exports, in the same order, on a plain mutable object
// (so tests can stub them).

const { decode } = require('./lib/decode');
const { verify } = require('./lib/verify');
const { sign } = require('./lib/sign');
const { JsonWebTokenError, NotBeforeError, TokenExpiredError } = require('./lib/errors');

module.exports = {
  decode,
  verify,
  sign,
  JsonWebTokenError,
  NotBeforeError,
  TokenExpiredError,
};
