import { join } from 'node:path';
import { sessionRouter } from '../../host/handlers';
import { adapters, openServices } from '../../host/composition-root';
import { fileKeyVault } from '../../host/identity/key-vault';
import { CockpitSession } from '../../host/session';
import { startCockpitServer, type CockpitServer } from '../../host/transport/ws-server';
import { parseCommandArgs } from '../args';
import { EXIT, badInput } from '../errors';
import type { CliIO } from '../output';
import { requirePlan } from '../plan-arg';

export const serveUsage = 'release-cockpit serve [PLAN] [--port N] [--db FILE]';

export const DEFAULT_PORT = 4870;

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw badInput(`serve: --port expects a port number from 0 to 65535 (0 picks a free one), got "${text}"`);
  }
  return Number(text);
}

/** Resolves on the first SIGINT/SIGTERM; a second one quits at once. */
function untilSignal(io: CliIO): Promise<string> {
  return new Promise((resolve) => {
    let seen = 0;
    const onSignal = (sig: string) => {
      seen++;
      if (seen > 1) {
        io.err('release-cockpit: stopping now\n');
        process.exit(130);
      }
      resolve(sig);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Serves the renderer and the API on 127.0.0.1 until stopped; the first stdout line is the URL. */
export async function serveCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'serve',
    argv,
    { port: { type: 'string' }, db: { type: 'string' } },
    { min: 0, max: 1, names: 'PLAN' },
  );
  const port = parsePort(values.port);
  if (positionals[0]) requirePlan(positionals[0]);
  const services = openServices({ dbPath: values.db });
  const session = new CockpitSession({
    services,
    keys: fileKeyVault(adapters.paths.defaultDataDir(), adapters.keys),
    mode: 'browser',
    version: process.env.COCKPIT_VERSION ?? '0.1.0',
  });
  const stopped = untilSignal(io);
  let server: CockpitServer;
  try {
    if (positionals[0]) session.plans.openFile(positionals[0]);
    const route = sessionRouter(session, (channel, err) => {
      if (process.env.COCKPIT_DEBUG) io.err(`serve: ${channel} failed: ${(err as Error)?.stack ?? err}\n`);
    });
    const rendererDir = process.env.COCKPIT_RENDERER_DIR ?? join(__dirname, 'renderer');
    server = await startCockpitServer({ port, rendererDir, session, route });
  } catch (err) {
    await session.shutdown(0);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw badInput(`serve: port ${port} is in use; pass --port 0 to pick a free one`);
    }
    throw err;
  }
  io.out(`Release Cockpit at ${server.url}\n`);
  for (const run of services.interrupted) {
    io.err(`serve: run #${run.runNo} of "${run.gateId}" was interrupted by an earlier stop\n`);
  }
  const durable = services.reattach();
  for (const { run } of durable.resumed) io.err(`serve: reattached to durable run #${run.runNo} of "${run.gateId}"\n`);
  for (const p of durable.problems) io.err(`serve: ${p}\n`);
  const signal = await stopped;
  io.err(`serve: ${signal}: stopping (cancelling running gates)\n`);
  await server.close();
  await session.shutdown();
  // Anything still holding the event loop (a stuck child's pty) must not keep us up.
  setTimeout(() => process.exit(EXIT.ok), 3000).unref();
  return EXIT.ok;
}
