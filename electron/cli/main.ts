/** The `release-cockpit` command: dispatch, usage, and the mapping of errors to exit codes. */
import { CockpitError } from '../core/errors';
import { EXIT, exitCodeOf } from './errors';
import { forgetIdentities } from './key-arg';
import { processIO, type CliIO } from './output';
import { logCommand, logUsage } from './commands/log';
import { runCommand, runUsage } from './commands/run';
import { serveCommand, serveUsage } from './commands/serve';
import { statusCommand, statusUsage } from './commands/status';
import { validateCommand, validateUsage } from './commands/validate';
import { keysCommand, keysUsage } from './commands/keys';
import { requestCommand, requestUsage } from './commands/request';
import { signCommand, signUsage } from './commands/sign';
import { importCommand, importUsage } from './commands/import';
import { waiveCommand, waiveUsage } from './commands/waive';
import { bundleCommand, bundleUsage } from './commands/bundle';
import { verifyCommand, verifyUsage } from './commands/verify';
import { ceremonyCommand, ceremonyUsage } from './commands/ceremony';
import { attachCommand, attachUsage } from './commands/attach';

type Command = { usage: string; summary: string; handler: (argv: string[], io: CliIO) => number | Promise<number> };

export const COMMANDS: Record<string, Command> = {
  validate: { usage: validateUsage, summary: 'check a plan file; errors name file:line:col', handler: validateCommand },
  run: { usage: runUsage, summary: 'run gates in dependency order, live, and record them', handler: runCommand },
  status: { usage: statusUsage, summary: 'show each gate’s status, attempts and reasons', handler: statusCommand },
  log: { usage: logUsage, summary: 'print a run’s stored terminal log, byte for byte', handler: logCommand },
  attach: { usage: attachUsage, summary: 'reattach to durable runs still running, backfill, and wait for them', handler: attachCommand },
  serve: { usage: serveUsage, summary: 'serve the cockpit UI and API on 127.0.0.1 (token required)', handler: serveCommand },
  keys: { usage: keysUsage, summary: 'create, list and show Ed25519 signing identities (encrypted key files)', handler: keysCommand },
  request: { usage: requestUsage, summary: 'write a sign-off request zip for an offline officer', handler: requestCommand },
  sign: { usage: signUsage, summary: 'verify a sign-off request offline, then approve or reject it', handler: signCommand },
  import: { usage: importUsage, summary: 'verify returned sign-offs (or waivers) against the plan and store them', handler: importCommand },
  waive: { usage: waiveUsage, summary: 'sign a waiver for a failed gate, with a reason and an expiry', handler: waiveCommand },
  bundle: { usage: bundleUsage, summary: 'write the signed evidence bundle (directory or .zip)', handler: bundleCommand },
  verify: { usage: verifyUsage, summary: 'check a bundle offline: hashes, signatures, roles, quorum, audit chain', handler: verifyCommand },
  ceremony: { usage: ceremonyUsage, summary: 'list blockers, or write the final bundle and tag the candidate', handler: ceremonyCommand },
};

export function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`);
  return [
    'Release Cockpit: run release gates, keep the evidence, tag only when all is green.',
    '',
    'Usage:',
    ...lines,
    '',
    'Exit codes: 0 ok, 1 a gate failed or is blocked, 2 bad input, 3 internal error.',
    '--db defaults to the app data directory (COCKPIT_DATA_DIR overrides it).',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? EXIT.ok : EXIT.badInput;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${process.env.COCKPIT_VERSION ?? '0.1.0'}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`release-cockpit: unknown command "${name}"\n\n${usage()}`);
    return EXIT.badInput;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${command.usage}\n  ${command.summary}\n`);
    return EXIT.ok;
  }
  try {
    return await command.handler(rest, io);
  } catch (err) {
    if (err instanceof CockpitError && err.code !== 'internal') {
      io.err(`${err.message}\n`);
      return exitCodeOf(err);
    }
    const detail = process.env.COCKPIT_DEBUG ? `\n${(err as Error).stack}` : '';
    io.err(`release-cockpit: internal error: ${(err as Error).message}${detail}\n`);
    return EXIT.internal;
  } finally {
    forgetIdentities();
  }
}
