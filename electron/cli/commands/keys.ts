import { adapters } from '../../host/composition-root';
import path from 'node:path';
import { formatPublicKey, generateIdentity } from '../../core/signoff/keys';
import { parseCommandArgs } from '../args';
import { EXIT, badInput } from '../errors';
import type { CliIO } from '../output';
import { readPassphrase } from '../passphrase';
import { renderTable } from '../table';

export const keysUsage = 'release-cockpit keys create --name N [--out FILE] | keys list [--json] | keys public FILE';

const MIN_PASSPHRASE = 8;

export async function keysCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'create') return create(rest, io);
  if (sub === 'list') return list(rest, io);
  if (sub === 'public') return publicKey(rest, io);
  throw badInput(`keys: expected "create", "list" or "public"${sub ? `, got "${sub}"` : ''}\nUsage: ${keysUsage}`);
}

async function create(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('keys create', argv, { name: { type: 'string' }, out: { type: 'string' } }, { min: 0, max: 0, names: '' });
  const name = values.name?.trim();
  if (!name) throw badInput('keys create: --name N is required (the name the plan lists for this signer)');
  if (/[\u0000-\u001f\u007f]/.test(name)) throw badInput('keys create: --name must not contain control characters');
  const passphrase = await readPassphrase('keys create', `Passphrase for ${name}'s new key: `, true);
  if ([...passphrase].length < MIN_PASSPHRASE) throw badInput(`keys create: the passphrase must be at least ${MIN_PASSPHRASE} characters`);
  const identity = generateIdentity(name);
  const file = path.resolve(values.out ?? adapters.keys.defaultPath(adapters.paths.defaultDataDir(), identity.keyId));
  try {
    adapters.keys.write(identity, passphrase, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw badInput(`keys create: ${code === 'EEXIST' ? `${file} already exists; a key file is never overwritten` : `cannot write ${file}: ${(err as Error).message}`}`);
  }
  identity.privateKeyPkcs8.fill(0); // written encrypted; the clear copy goes
  io.out(`created a key for ${name}\n  key id: ${identity.keyId}\n  public: ${formatPublicKey(identity.publicKeyRaw)}\n  file:   ${file}\n`);
  io.err('Add the public key to the plan\'s signers; keep the key file and its passphrase private.\n');
  return EXIT.ok;
}

function list(argv: string[], io: CliIO): number {
  const { values } = parseCommandArgs('keys list', argv, { json: { type: 'boolean' } }, { min: 0, max: 0, names: '' });
  const keys = adapters.keys.list(adapters.paths.defaultDataDir());
  if (values.json) {
    io.out(JSON.stringify(keys, null, 2) + '\n');
    return EXIT.ok;
  }
  if (keys.length === 0) {
    io.out(`no keys in ${adapters.keys.dir(adapters.paths.defaultDataDir())} (create one with "keys create --name N")\n`);
    return EXIT.ok;
  }
  io.out(renderTable(['NAME', 'KEY ID', 'FILE'], keys.map((k) => [k.name ?? `(unreadable: ${k.error})`, k.keyId ?? '-', k.file])));
  return EXIT.ok;
}

function publicKey(argv: string[], io: CliIO): number {
  const { positionals } = parseCommandArgs('keys public', argv, {}, { min: 1, max: 1, names: 'FILE (a key file)' });
  try {
    io.out(`${adapters.keys.info(positionals[0]).publicKey}\n`);
  } catch (err) {
    throw badInput(`keys public: ${(err as Error).message}`);
  }
  return EXIT.ok;
}
