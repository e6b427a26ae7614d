import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../secret-box.js';
import { openTestDatabase, type TestDatabase } from '../test-databases.js';
import { createConnectionRepository } from './connection-repository.js';

// Distinctive enough that a chance match in page bytes is impossible.
const API_KEY = `sk-live-${randomBytes(24).toString('hex')}`;

describe('provider credentials at rest (sqlite file bytes)', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase('sqlite');
  });
  afterAll(async () => {
    await test?.cleanup();
  });

  function bytesOnDisk(): Buffer {
    const file = test.file ?? '';
    const parts = [file, `${file}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path));
    return Buffer.concat(parts);
  }

  it('never writes the plaintext api key to the database file or its WAL', async () => {
    const connections = createConnectionRepository(test.database, createSecretBox(randomBytes(32)));
    const created = await connections.create({ providerId: 'anthropic', name: 'work', apiKey: API_KEY });
    await connections.upsert({ providerId: 'openai', name: 'config', apiKey: API_KEY, source: 'config' });
    await connections.update(created.id, { apiKey: `${API_KEY}-rotated` });
    expect((await connections.get(created.id))?.apiKey).toBe(`${API_KEY}-rotated`);

    const whileOpen = bytesOnDisk();
    // Guard against a vacuous pass: the WAL or file must hold the rows we just wrote.
    expect(whileOpen.includes(Buffer.from('anthropic'))).toBe(true);
    expect(whileOpen.includes(Buffer.from(API_KEY))).toBe(false);

    await test.database.close();
    const afterCheckpoint = bytesOnDisk();
    expect(afterCheckpoint.includes(Buffer.from('anthropic'))).toBe(true);
    expect(afterCheckpoint.includes(Buffer.from(API_KEY))).toBe(false);
  });
});
