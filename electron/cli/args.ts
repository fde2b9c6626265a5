/** Argument parsing on node:util's parseArgs; every mistake becomes an InputError (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { badInput } from './errors';

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(
  command: string,
  argv: string[],
  options: O,
  positionals: { min: number; max: number; names: string },
) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw badInput(`${command}: ${(err as Error).message.replace(/\. To specify.*$/s, '')}`);
  }
  const n = parsed.positionals.length;
  if (n < positionals.min) throw badInput(`${command}: missing ${positionals.names}`);
  if (n > positionals.max) {
    throw badInput(`${command}: unexpected argument "${parsed.positionals[positionals.max]}"`);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}
