'use strict';
// Runs one call and describes what happened in a form that can be compared between
// jsonwebtoken and the binding: the value, or the error's class, name, message, enumerable
// properties (in for…in order) and dates.

function describeError(err, lib) {
  if (err === null || typeof err !== 'object') return { thrown: err };
  const keys = [];
  for (const key in err) keys.push(key); // eslint-disable-line guard-for-in
  const out = {
    class: err.constructor && err.constructor.name,
    name: err.name,
    message: err.message,
    keys,
    isError: err instanceof Error,
  };
  if (lib) out.isJsonWebTokenError = err instanceof lib.JsonWebTokenError;
  if (err.date instanceof Date) out.date = err.date.getTime();
  if (err.expiredAt instanceof Date) out.expiredAt = err.expiredAt.getTime();
  if ('inner' in err) out.inner = String(err.inner);
  return out;
}

function outcome(fn, lib) {
  try {
    return { value: fn() };
  } catch (err) {
    return { error: describeError(err, lib) };
  }
}

module.exports = { outcome, describeError };
