// A tiny HTTP service on 127.0.0.1 used by the example gates: /health answers
// 200, /api/chat refuses text/plain with 415 and rate-limits bursts with 429.
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';

const portFile = process.argv[2];
const perSecond = Number(process.env.DEMO_RATE_LIMIT ?? 50);
let windowStart = Date.now();
let inWindow = 0;

const server = createServer((req, res) => {
  if (req.url === '/health') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  if (req.url === '/api/chat' && req.method === 'POST') {
    if (Date.now() - windowStart > 1000) { windowStart = Date.now(); inWindow = 0; }
    if (++inWindow > perSecond) return res.writeHead(429).end('slow down');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return res.writeHead(415).end();
    return res.writeHead(200, { 'content-type': 'application/json' }).end('{"reply":"hello"}');
  }
  res.writeHead(404).end();
});
server.listen(Number(process.env.DEMO_PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  if (portFile) writeFileSync(portFile, String(port));
  console.log(`demo service listening on 127.0.0.1:${port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
