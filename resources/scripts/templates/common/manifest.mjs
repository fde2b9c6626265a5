// Hashes a gate's evidence into a manifest (path, sha256, size) and fails if
// any required file is missing: the release's "what exactly did we check" record.
//   node manifest.mjs --out out/release/MANIFEST.json FILE...
import { existsSync, statSync } from 'node:fs';
import { args, bad, fail, ok, sha256File, writeJson } from './lib.mjs';

const a = args();
const out = String(a.out ?? 'out/MANIFEST.json');
const files = a._;
if (files.length === 0) fail('usage: manifest.mjs --out FILE EVIDENCE...', 2);
const missing = files.filter((f) => !existsSync(f));
for (const f of missing) bad(`missing evidence: ${f}`);
if (missing.length) fail(`${missing.length} required evidence file(s) missing`);
const entries = files.map((f) => ({ path: f, sha256: sha256File(f), size: statSync(f).size }));
writeJson(out, { createdAt: new Date().toISOString(), files: entries });
for (const e of entries) console.log(`  ${e.sha256}  ${e.path}`);
ok(`manifest ${out}: ${entries.length} evidence file(s) hashed`);
