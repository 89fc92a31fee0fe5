'use strict';
// decode(): jws.decode (jws 3.2.3) plus jsonwebtoken's post-processing, with their exact
// leniencies: Node's forgiving base64 decoder, the header read as latin1, the payload read as
// UTF-8 and JSON-parsed only for typ "JWT" (or options.json), then tried once more.

const JWS_RE = /^[a-zA-Z0-9\-_]+?\.[a-zA-Z0-9\-_]+?\.([a-zA-Z0-9\-_]+)?$/;

// jws's toString(): strings as is, numbers and Buffers through toString(), the rest through
// JSON.stringify (which may throw, as in jws).
function toText(value) {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || Buffer.isBuffer(value)) return value.toString();
  return JSON.stringify(value);
}

function parseHeader(segment) {
  try {
    return JSON.parse(Buffer.from(segment, 'base64').toString('latin1'));
  } catch (_) {
    return undefined;
  }
}

// jws.decode: null unless the text looks like a compact JWS with a truthy JSON header.
// May throw a SyntaxError when the payload must be JSON and is not.
function decodeJws(token, options) {
  const text = toText(token);
  if (!JWS_RE.test(text)) return null;
  const parts = text.split('.');
  const header = parseHeader(parts[0]);
  if (!header) return null;
  let payload = Buffer.from(parts[1], 'base64').toString('utf8');
  if (header.typ === 'JWT' || options.json) {
    // jws passes options.encoding as the reviver argument; kept for identical behaviour.
    payload = JSON.parse(payload, options.encoding);
  }
  return { header, payload, signature: parts[2] };
}

function decode(token, options) {
  options = options || {};
  const decoded = decodeJws(token, options);
  if (!decoded) return null;
  let payload = decoded.payload;
  if (typeof payload === 'string') {
    try {
      const parsed = JSON.parse(payload);
      if (parsed !== null && typeof parsed === 'object') payload = parsed;
    } catch (_) {
      // not JSON: the payload stays a string
    }
  }
  if (options.complete === true) {
    return { header: decoded.header, payload, signature: decoded.signature };
  }
  return payload;
}

module.exports = { decode, toText };
