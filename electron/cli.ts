/** Entry point of the `release-cockpit` command (bundled to dist/cli.cjs). */
import { main } from './cli/main';

// `release-cockpit log … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    // Let stdout drain (a 64 MiB log may still be in flight) instead of process.exit().
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`release-cockpit: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 3;
  },
);
