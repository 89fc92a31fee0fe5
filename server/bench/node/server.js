// The seed's stack, minimal: express + jsonwebtoken serving /health and /protected (HS256),
// the reference figures of `make bench-server`. Prints "listening on http://ADDR:PORT".
'use strict';
const crypto = require('crypto');
const express = require('express');
const jwt = require('jsonwebtoken');

const secret = process.env.JOT_BENCH_SECRET;
if (!secret) throw new Error('JOT_BENCH_SECRET is not set');
// As in the seed, the secret is a string by default. jsonwebtoken 9 then first tries to parse
// it as a public key on every verify (crypto.createPublicKey, which fails slowly on OpenSSL 3);
// JOT_BENCH_KEYOBJECT=1 hands it a prepared KeyObject instead, the fast way to use it.
const key = process.env.JOT_BENCH_KEYOBJECT ? crypto.createSecretKey(Buffer.from(secret)) : secret;
const app = express();
app.disable('x-powered-by');

app.get('/health', (req, res) => res.json({ status: 'ok' }));
app.get('/protected', (req, res) => {
  const m = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(req.get('authorization') || '');
  if (!m) return res.status(401).json({ error: 'invalid_request' });
  try {
    const claims = jwt.verify(m[1], key, { algorithms: ['HS256'] });
    res.json({ message: 'access granted', claims });
  } catch (e) {
    res.status(401).json({ error: 'invalid_token', error_description: e.message });
  }
});

const server = app.listen(0, '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`listening on http://${address}:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
