import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { StoreError } from './store-error.js';

export const SECRET_KEY_ENV = 'OMNIROUTE_SECRET_KEY';
export const SECRET_KEY_FILE = 'secret.key';

const KEY_BYTES = 32;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/_-]+={0,2}$/;

export interface MasterKey {
  key: Buffer;
  source: 'env' | 'file' | 'created';
  /** The key file, when the key came from one. */
  file?: string;
  /** The key file is readable or writable by group or others: callers should warn loudly. */
  insecurePermissions: boolean;
}

/** Accepts 64 hex characters or base64 / base64url of exactly 32 bytes; anything else throws. */
export function parseMasterKey(text: string, origin: string): Buffer {
  const value = text.trim();
  if (HEX_KEY.test(value)) return Buffer.from(value, 'hex');
  if (BASE64_KEY.test(value)) {
    const decoded = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
    // Node's decoder skips junk silently; re-encoding proves every character was meaningful.
    const canonical = decoded.toString('base64url');
    if (decoded.length === KEY_BYTES && canonical === value.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')) {
      return decoded;
    }
  }
  throw new StoreError(
    'secret_key_invalid',
    `${origin} must be 64 hex characters or the base64 encoding of 32 bytes (generate one with: openssl rand -hex 32)`,
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hasLooseMode(file: string): boolean {
  // Windows has no POSIX modes; Node reports 0o666 there whatever the ACLs say.
  if (process.platform === 'win32') return false;
  return (statSync(file).mode & 0o077) !== 0;
}

function readKeyFile(file: string): MasterKey {
  const key = parseMasterKey(readFileSync(file, 'utf8'), `The key file ${file}`);
  return { key, source: 'file', file, insecurePermissions: hasLooseMode(file) };
}

function createKeyFile(dataDir: string, file: string): MasterKey | undefined {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const key = randomBytes(KEY_BYTES);
  writeFileSync(temporary, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(temporary, 0o600);
    // link() fails if the name exists, so two processes starting together cannot both win and
    // leave one holding a key the other overwrote; the loser reads the winner's file.
    linkSync(temporary, file);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') return undefined;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
  return { key, source: 'created', file, insecurePermissions: false };
}

/**
 * The key that encrypts provider credentials: `OMNIROUTE_SECRET_KEY` if set (non-empty), else
 * `<dataDir>/secret.key`, generated on first run with mode 0600 in a 0700 directory.
 */
export function resolveMasterKey(dataDir: string, env: NodeJS.ProcessEnv): MasterKey {
  const fromEnv = env[SECRET_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return { key: parseMasterKey(fromEnv, SECRET_KEY_ENV), source: 'env', insecurePermissions: false };
  }
  const file = join(dataDir, SECRET_KEY_FILE);
  try {
    try {
      return readKeyFile(file);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    }
    return createKeyFile(dataDir, file) ?? readKeyFile(file);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('secret_key_invalid', `Cannot read or create the key file ${file}: ${describe(error)}`, {
      cause: error,
    });
  }
}

/**
 * Returns just the key. A key file readable by group/others is not fatal (refusing to start
 * would lock users out of their own data) but is reported through `onWarning`.
 */
export function loadOrCreateMasterKey(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  onWarning?: (message: string) => void,
): Buffer {
  const resolved = resolveMasterKey(dataDir, env);
  if (resolved.insecurePermissions && onWarning !== undefined) {
    onWarning(`The key file ${resolved.file ?? SECRET_KEY_FILE} is accessible by other users; run: chmod 600 "${resolved.file ?? SECRET_KEY_FILE}"`);
  }
  return resolved.key;
}
