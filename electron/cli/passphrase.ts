/**
 * Passphrases for key files: `COCKPIT_PASSPHRASE`, else a prompt on the
 * terminal with nothing echoed. Without either there is no safe way to ask,
 * so it is bad input (exit 2), never a hang waiting on a pipe.
 */
import { badInput } from './errors';

export async function readPassphrase(command: string, prompt: string, confirm = false): Promise<string> {
  const env = process.env.COCKPIT_PASSPHRASE;
  if (env !== undefined && env !== '') return env;
  if (!process.stdin.isTTY || typeof process.stdin.setRawMode !== 'function') {
    throw badInput(`${command}: a passphrase is needed: set COCKPIT_PASSPHRASE, or run in a terminal to be asked for it`);
  }
  const first = await promptHidden(prompt);
  if (confirm && (await promptHidden('Repeat the passphrase: ')) !== first) {
    throw badInput(`${command}: the two passphrases differ`);
  }
  return first;
}

/** Reads one line from the terminal in raw mode: characters are taken, not echoed. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  // Echo off before the prompt shows: a passphrase typed as soon as it appears must not echo.
  stdin.setRawMode(true);
  stdin.resume();
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (err: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(text);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003' || ch === '\u0004') return finish(badInput('cancelled'));
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else if (ch >= ' ') text += ch;
      }
    };
    stdin.on('data', onData);
  });
}
