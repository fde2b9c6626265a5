// One service of the soak demo, on 127.0.0.1: `api` answers /api/items with
// a little latency (and, rarely, a slow answer or a 500); every service
// answers /stats with its own resident memory. Prints its port on stdout.
import { createServer } from 'node:http';

const name = process.argv[2] ?? 'api';
const slowMs = Number(process.env.SOAK_SLOW_MS ?? 0);
const errorRate = Number(process.env.SOAK_ERROR_RATE ?? 0.002);
let served = 0;

const server = createServer((req, res) => {
  if (req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ service: name, rss: process.memoryUsage.rss(), served }));
  }
  if (name === 'api' && req.url?.startsWith('/api/items')) {
    served++;
    // Mostly 15-45 ms; 1 in 100 answers takes 120-180 ms: the spikes a soak chart must keep.
    const spike = Math.random() < 0.01 ? 120 + Math.random() * 60 : 0;
    const delay = 15 + Math.random() * 30 + spike + slowMs;
    return setTimeout(() => {
      if (Math.random() < errorRate) return res.writeHead(500).end('{"error":"upstream"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[1,2,3]}');
    }, delay);
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The soak's parent may die without a signal (KILL): do not outlive it.
process.stdin.on('end', stop).resume();
