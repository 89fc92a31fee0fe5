'use strict';
// Timespans as jsonwebtoken computes them (lib/timespan.js with ms@2.1.3): a string is parsed
// by ms() into milliseconds and the result is floored to whole seconds; a number is seconds and
// is added as is (not floored, not checked for finiteness); anything else is undefined.

const SECOND = 1000;
const MINUTE = SECOND * 60;
const HOUR = MINUTE * 60;
const DAY = HOUR * 24;
const WEEK = DAY * 7;
const YEAR = DAY * 365.25;

const UNITS = new Map();
const addUnit = (names, value) => names.forEach((n) => UNITS.set(n, value));
addUnit(['years', 'year', 'yrs', 'yr', 'y'], YEAR);
addUnit(['weeks', 'week', 'w'], WEEK);
addUnit(['days', 'day', 'd'], DAY);
addUnit(['hours', 'hour', 'hrs', 'hr', 'h'], HOUR);
addUnit(['minutes', 'minute', 'mins', 'min', 'm'], MINUTE);
addUnit(['seconds', 'second', 'secs', 'sec', 's'], SECOND);
addUnit(['milliseconds', 'millisecond', 'msecs', 'msec', 'ms'], 1);

const TIMESPAN_RE =
  /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i;

// ms(str): milliseconds, or undefined when the text is not a timespan.
function parseMilliseconds(str) {
  if (str.length === 0) {
    // ms('') throws; jsonwebtoken never reaches it (empty strings are rejected earlier), so
    // this only guards the helper itself.
    throw new Error('val is not a non-empty string or a valid number. val=""');
  }
  if (str.length > 100) return undefined;
  const match = TIMESPAN_RE.exec(str);
  if (!match) return undefined;
  const unit = (match[2] || 'ms').toLowerCase();
  return parseFloat(match[1]) * UNITS.get(unit);
}

function timespan(time, iat) {
  const timestamp = iat || Math.floor(Date.now() / 1000);
  if (typeof time === 'string') {
    const milliseconds = parseMilliseconds(time);
    if (milliseconds === undefined) return undefined;
    return Math.floor(timestamp + milliseconds / 1000);
  }
  if (typeof time === 'number') return timestamp + time;
  return undefined;
}

module.exports = { timespan, parseMilliseconds };
