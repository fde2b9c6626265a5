// Preloaded into `verify` by the offline test: any attempt to reach the network is recorded and refused.
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const record = (what) => {
  fs.appendFileSync(process.env.COCKPIT_NETWORK_LOG, `${what}\n`);
  throw new Error(`network access attempted: ${what}`);
};
net.Socket.prototype.connect = function connect() { record('net.connect'); };
dns.lookup = () => record('dns.lookup');
dns.resolve = () => record('dns.resolve');
dns.promises.lookup = async () => record('dns.promises.lookup');
http.request = () => record('http.request');
https.request = () => record('https.request');
globalThis.fetch = async () => record('fetch');
