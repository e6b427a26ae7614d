import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { createConnectionRepository } from '../../src/store/repositories/connection-repository.js';
import { createSecretBox } from '../../src/store/secret-box.js';
import { parseMasterKey } from '../../src/store/master-key.js';
import { spawnGateway, waitForReady } from '../helpers/spawn-gateway.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omniroute-sec-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function seedCredentials(dataDir: string, keyHex: string, secrets: string[], prefix = 'acct'): Promise<void> {
  const database = await openDatabase({ kind: 'sqlite', file: join(dataDir, 'omniroute.db') });
  try {
    const connections = createConnectionRepository(database, createSecretBox(Buffer.from(keyHex, 'hex')));
    for (const [i, secret] of secrets.entries()) await connections.create({ providerId: 'groq', name: `${prefix}-${i}`, apiKey: secret });
  } finally {
    await database.close();
  }
}

async function readCredentials(dataDir: string, keyHex: string): Promise<Array<string | undefined>> {
  const database = await openDatabase({ kind: 'sqlite', file: join(dataDir, 'omniroute.db') });
  try {
    return (await createConnectionRepository(database, createSecretBox(Buffer.from(keyHex, 'hex'))).list()).map((c) => c.apiKey);
  } finally {
    await database.close();
  }
}

describe('bind refusal', () => {
  it('refuses a non-loopback host with no key configured, and says how to fix it', async () => {
    const cli = spawnGateway(['--host', '0.0.0.0', '--port', '0', '--data-dir', join(dir, 'bind-data'), '--no-open']);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toContain('Refusing to listen on 0.0.0.0');
    expect(cli.stderr()).toContain('REQUIRE_API_KEY=true');
    expect(cli.stderr()).toContain('apiKeys:');
  });

  it('starts on a non-loopback host once REQUIRE_API_KEY=true', async () => {
    const cli = spawnGateway(['--host', '0.0.0.0', '--port', '0', '--data-dir', join(dir, 'bind-ok'), '--no-open'], { REQUIRE_API_KEY: 'true' });
    await waitForReady(cli);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });
});

describe('omniroute rotate-key', () => {
  it('re-encrypts every stored credential under a new key file, and the old key no longer reads them', async () => {
    const dataDir = join(dir, 'rotate-data');
    // First run creates the data directory and its key file.
    const first = spawnGateway(['--port', '0', '--data-dir', dataDir, '--no-open']);
    await waitForReady(first);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const oldKey = (await readFile(join(dataDir, 'secret.key'), 'utf8')).trim();
    await seedCredentials(dataDir, oldKey, ['sk-one-secret', 'sk-two-secret']);

    const cli = spawnGateway(['rotate-key', '--data-dir', dataDir]);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toContain('Re-encrypted 2 stored credential(s)');
    const newKey = (await readFile(join(dataDir, 'secret.key'), 'utf8')).trim();
    expect(newKey).not.toBe(oldKey);
    expect(parseMasterKey(newKey, 'test')).toHaveLength(32);
    expect((await readCredentials(dataDir, newKey)).sort()).toEqual(['sk-one-secret', 'sk-two-secret']);
    await expect(readCredentials(dataDir, oldKey)).rejects.toThrow(/decrypt/);
  });

  it('changes nothing when a stored value cannot be decrypted (all or nothing)', async () => {
    const dataDir = join(dir, 'rotate-broken');
    const first = spawnGateway(['--port', '0', '--data-dir', dataDir, '--no-open']);
    await waitForReady(first);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const oldKey = (await readFile(join(dataDir, 'secret.key'), 'utf8')).trim();
    await seedCredentials(dataDir, oldKey, ['sk-good']);
    // A value under some other key: rotation must fail before touching anything.
    await seedCredentials(dataDir, 'ab'.repeat(32), ['sk-foreign'], 'foreign');

    const cli = spawnGateway(['rotate-key', '--data-dir', dataDir]);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toMatch(/rotate-key: .*decrypt/i);
    expect((await readFile(join(dataDir, 'secret.key'), 'utf8')).trim()).toBe(oldKey);
    const database = await openDatabase({ kind: 'sqlite', file: join(dataDir, 'omniroute.db') });
    try {
      const connections = createConnectionRepository(database, createSecretBox(Buffer.from(oldKey, 'hex')));
      const { id } = await database.db.selectFrom('connections').select('id').where('name', '=', 'acct-0').executeTakeFirstOrThrow();
      expect((await connections.get(id))?.apiKey).toBe('sk-good');
    } finally {
      await database.close();
    }
  });
});
