/**
 * Reliability run (< 3 min): durable runs under kill -9 of their cockpit,
 * serve stop/start cycles, and cut ssh connections; writes RELIABILITY.md
 * with what was measured and the machine. Exits 1 if any figure is off.
 *   node build/bundle.mjs && node --import tsx test/reliability/run.ts
 */
import './cjs-globals';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sshdMissing, startSshd, type TestSshd } from '../helpers/sshd';
import { cutScenario, killScenario, measure, serveScenario, type Measured, type Scenario } from './scenarios';
import { machine } from '../bench/machine';
import { attackSection, runAttacks, type AttackResult } from './attacks';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// "Bytes" compares with the target's output.log after the run is stored: keep it (normally removed then).
process.env.COCKPIT_KEEP_RUN_DIRS = '1';

const bad = (m: Measured) =>
  !m.completed || m.bytesLost + m.bytesRepeated + m.linesLost + m.linesRepeated + m.pointsLostInFile + m.pointsRepeatedInFile +
    m.pointsRepeatedInDb + m.integrityFailures + m.orphans + m.zombies > 0;

async function main(): Promise<void> {
  let sshd: TestSshd | null = null;
  const tags: string[] = [];
  const results: Measured[] = [];
  try {
    if (!sshdMissing) sshd = await startSshd();
    const scenarios: Scenario[] = [
      killScenario('local durable run, host kill -9 ×3', 150, 2),
      serveScenario('local durable run, serve SIGTERM/start ×10', 450, 10),
      ...(sshd ? [killScenario('ssh durable run, host kill -9 ×3', 150, 2, sshd), cutScenario('ssh durable run, connection cut ×3 + host kill -9', 150, 3, sshd)] : []),
    ];
    for (const s of scenarios) {
      const tag = `rel-${randomBytes(4).toString('hex')}`;
      tags.push(tag);
      process.stdout.write(`== ${s.name} ==\n`);
      const m = await measure(s, tag);
      results.push(m);
      process.stdout.write(`${JSON.stringify(m)}\n`);
    }
  } finally {
    await sshd?.stop();
    for (const t of tags) rmSync(`/root/.release-cockpit/runs/${t}@rc1`, { recursive: true, force: true });
  }
  process.stdout.write('== the attack suite ==\n');
  const attacks: AttackResult[] = runAttacks(ROOT);
  process.stdout.write(`${attacks.filter((a) => a.caught).length} of ${attacks.length} attacks caught\n`);
  const sum = (k: keyof Measured) => results.reduce((a, m) => a + Number(m[k]), 0);
  const rows = results.map((m) =>
    `| ${m.name} | ${m.cycles} | ${m.kills} | ${m.cuts} | ${m.completed ? 'yes' : 'NO'} | ${m.bytesLost} | ${m.bytesRepeated} | ${m.linesLost}/${m.linesRepeated} | ${m.pointsLostInFile}/${m.pointsRepeatedInFile} | ${m.pointsRepeatedInDb} | ${m.integrityFailures} | ${m.orphans} | ${m.zombies} | ${m.seconds}s |`);
  const text = [
    '# Reliability', '',
    'Written by `node --import tsx test/reliability/run.ts` (after `node build/bundle.mjs`); do not edit by hand.', '',
    `Run on ${new Date().toISOString()}:`, '', machine(), '',
    sshdMissing ? `ssh scenarios skipped: ${sshdMissing}\n` : '',
    '## Totals', '',
    `- serve stop/start cycles run: ${sum('cycles')}`,
    `- host kills (kill -9) survived: ${sum('kills')}`,
    `- ssh connections cut and reconnected: ${sum('cuts')}`,
    `- bytes lost: ${sum('bytesLost')}; bytes repeated: ${sum('bytesRepeated')}`,
    `- metric points lost / duplicated in the run's metrics file: ${sum('pointsLostInFile')} / ${sum('pointsRepeatedInFile')}`,
    `- metric points duplicated in the metrics database: ${sum('pointsRepeatedInDb')}`,
    `- integrity_check failures: ${sum('integrityFailures')}`,
    `- orphaned processes: ${sum('orphans')}; zombies: ${sum('zombies')}`, '',
    '## Scenarios', '',
    '| scenario | cycles | kills | cuts | completed | bytes lost | bytes repeated | lines lost/repeated | points lost/repeated (file) | points repeated (db) | integrity failures | orphans | zombies | time |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows, '',
    'Every durable run prints `line N` every 100 ms and appends one metric point per line. "Bytes" compares the',
    "cockpit's stored log with the target's output.log byte for byte. integrity_check runs after every kill and stop;",
    'orphans are cockpit processes (and their ssh/helpers) still alive after a stop, zombies are unreaped children.', '',
    'Metrics: remote runs\' metrics are copied by byte offset into the run\'s local metrics file (`run.metricsPath`);',
    'on a reattach the metrics ingestion drops what it stored for the run and reads that file again from byte 0',
    '(rebuilding its threshold state), so the database holds each point once.', '',
    ...attackSection(attacks),
  ].join('\n');
  writeFileSync(join(ROOT, 'RELIABILITY.md'), text);
  process.stdout.write(`\nwrote RELIABILITY.md\n`);
  process.exitCode = results.some(bad) || attacks.length === 0 || attacks.some((a) => !a.caught) ? 1 : 0;
}

void main().catch((err: unknown) => {
  process.stderr.write(`reliability: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 3;
});
