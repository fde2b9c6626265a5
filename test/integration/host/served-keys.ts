/**
 * For host tests about identities: passphrase keys written into a data
 * directory's keys/ (the `keys create` format), and a `serve` of a plan with
 * that data directory and a client connected to it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encryptKeyFile } from '../../../electron/core/signoff/key-file';
import { formatPublicKey, generateIdentity } from '../../../electron/core/signoff/keys';
import { PASSPHRASE } from '../bundle/fixture';
import { startServe, TestClient } from './serve-process';

export function dataDirKey(dataDir: string, name: string): { keyId: string; pub: string; file: string } {
  const id = generateIdentity(name);
  const file = join(dataDir, 'keys', `${id.keyId}.key.json`);
  mkdirSync(join(dataDir, 'keys'), { recursive: true });
  writeFileSync(file, encryptKeyFile(id, PASSPHRASE, { N: 2 ** 15 }), { mode: 0o600 }); // the older cost: fast tests
  return { keyId: id.keyId, pub: formatPublicKey(id.publicKeyRaw), file };
}

export interface Served {
  c: TestClient;
  stop(): Promise<void>;
}

export async function serveWithClient(plan: string, db: string, dataDir: string): Promise<Served> {
  const srv = await startServe([plan, '--port', '0', '--db', db], { COCKPIT_DATA_DIR: dataDir });
  const c = await TestClient.open(`ws://127.0.0.1:${srv.port}/api?token=${srv.token}`, srv.origin);
  return {
    c,
    stop: async () => {
      c.close();
      srv.child.kill('SIGTERM');
      await srv.exited;
    },
  };
}
