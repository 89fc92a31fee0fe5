'use strict';
// The type predicates jsonwebtoken takes from lodash, with lodash's exact semantics: the
// validation messages of sign() depend on them (e.g. NaN passes isNumber, String objects pass
// isString, Object.create(null) passes isPlainObject).

const toTag = (value) => Object.prototype.toString.call(value);
const isObjectLike = (value) => value !== null && typeof value === 'object';

function isNumber(value) {
  return typeof value === 'number' || (isObjectLike(value) && toTag(value) === '[object Number]');
}

function isString(value) {
  return (
    typeof value === 'string' ||
    (!Array.isArray(value) && isObjectLike(value) && toTag(value) === '[object String]')
  );
}

function isBoolean(value) {
  return (
    value === true ||
    value === false ||
    (isObjectLike(value) && toTag(value) === '[object Boolean]')
  );
}

// lodash.isinteger: a primitive number that is finite and integral.
function isInteger(value) {
  return typeof value === 'number' && Number.isInteger(value);
}

// lodash.isplainobject: created by Object, or with a null prototype.
const objectCtorString = Function.prototype.toString.call(Object);
function isPlainObject(value) {
  if (!isObjectLike(value) || toTag(value) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, 'constructor') && proto.constructor;
  return (
    typeof Ctor === 'function' &&
    Ctor instanceof Ctor &&
    Function.prototype.toString.call(Ctor) === objectCtorString
  );
}

module.exports = { isNumber, isString, isBoolean, isInteger, isPlainObject };
