import { randomBytes } from 'node:crypto';
import { chmodSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../store/database.js';
import { parseMasterKey, resolveMasterKey, SECRET_KEY_FILE } from '../store/master-key.js';
import { createSecretBox } from '../store/secret-box.js';

/** Where OMNIROUTE_SECRET_KEY users hand over the key to rotate to. */
export const NEW_SECRET_KEY_ENV = 'OMNIROUTE_NEW_SECRET_KEY';

export interface RotateResult {
  /** Values re-encrypted. */
  rotated: number;
  /** The key file written, when the key lives in one. */
  keyFile?: string;
}

/**
 * Re-encrypts every stored secret under a new master key. Atomic in both places: all rows change
 * in one transaction (a failure leaves every row under the old key), and the key file is
 * replaced by rename only after that commit. The new key is written beside the old one first
 * (`secret.key.next`), so a crash between commit and rename leaves the key needed to read the
 * data on disk. Run it with the gateway stopped: a running gateway keeps encrypting with the old key.
 */
export async function rotateMasterKey(input: { dataDir: string; env: NodeJS.ProcessEnv; database: Database }): Promise<RotateResult> {
  const current = resolveMasterKey(input.dataDir, input.env);
  let nextKey: Buffer;
  if (current.source === 'env') {
    const fromEnv = input.env[NEW_SECRET_KEY_ENV];
    if (!fromEnv) {
      throw new Error(`The master key comes from OMNIROUTE_SECRET_KEY, which this command cannot change. Set ${NEW_SECRET_KEY_ENV} to the new key (openssl rand -hex 32), run rotate-key, then set OMNIROUTE_SECRET_KEY to that value.`);
    }
    nextKey = parseMasterKey(fromEnv, NEW_SECRET_KEY_ENV);
  } else {
    nextKey = randomBytes(32);
  }
  const oldBox = createSecretBox(current.key);
  const newBox = createSecretBox(nextKey);

  const keyFile = current.source === 'env' ? undefined : (current.file ?? join(input.dataDir, SECRET_KEY_FILE));
  const pending = keyFile ? `${keyFile}.next` : undefined;
  if (pending) {
    writeFileSync(pending, `${nextKey.toString('hex')}\n`, { mode: 0o600 });
    chmodSync(pending, 0o600);
  }

  let rotated = 0;
  try {
    await input.database.db.transaction().execute(async (trx) => {
      // Every encrypted column of the schema belongs here (today: connection API keys).
      const rows = await trx.selectFrom('connections').select(['id', 'api_key_enc']).where('api_key_enc', 'is not', null).execute();
      for (const row of rows) {
        const reencrypted = newBox.encrypt(oldBox.decrypt(row.api_key_enc!));
        await trx.updateTable('connections').set({ api_key_enc: reencrypted }).where('id', '=', row.id).execute();
        rotated += 1;
      }
    });
  } catch (error) {
    if (pending) unlinkSync(pending);
    throw error;
  }
  if (keyFile && pending) renameSync(pending, keyFile);
  return { rotated, ...(keyFile ? { keyFile } : {}) };
}
