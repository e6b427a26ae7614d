import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateMasterKey, parseMasterKey, resolveMasterKey } from './master-key.js';

const posixOnly = process.platform === 'win32' ? it.skip : it;

describe('parseMasterKey (OMNIROUTE_SECRET_KEY)', () => {
  const bytes = randomBytes(32);

  it('accepts 64 hex characters in either case', () => {
    expect(parseMasterKey(bytes.toString('hex'), 'X').equals(bytes)).toBe(true);
    expect(parseMasterKey(bytes.toString('hex').toUpperCase(), 'X').equals(bytes)).toBe(true);
  });

  it('accepts base64 with or without padding, and base64url', () => {
    expect(parseMasterKey(bytes.toString('base64'), 'X').equals(bytes)).toBe(true);
    expect(parseMasterKey(bytes.toString('base64').replace(/=+$/, ''), 'X').equals(bytes)).toBe(true);
    expect(parseMasterKey(bytes.toString('base64url'), 'X').equals(bytes)).toBe(true);
  });

  it('ignores surrounding whitespace such as a trailing newline', () => {
    expect(parseMasterKey(`  ${bytes.toString('hex')}\n`, 'X').equals(bytes)).toBe(true);
  });

  it.each([
    ['too short hex', 'abcd'],
    ['63 hex characters', bytes.toString('hex').slice(1)],
    ['base64 of 16 bytes', randomBytes(16).toString('base64')],
    ['base64 of 33 bytes', randomBytes(33).toString('base64')],
    ['a passphrase', 'correct horse battery staple'],
    ['hex with junk', `${bytes.toString('hex').slice(2)}zz`],
  ])('rejects %s with a message naming the variable', (_label, value) => {
    expect(() => parseMasterKey(value, 'OMNIROUTE_SECRET_KEY')).toThrow(/OMNIROUTE_SECRET_KEY must be 64 hex/);
  });
});

describe('resolveMasterKey / loadOrCreateMasterKey', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'omniroute-key-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('prefers OMNIROUTE_SECRET_KEY and writes no file', () => {
    const bytes = randomBytes(32);
    const dataDir = join(root, 'data');
    const result = resolveMasterKey(dataDir, { OMNIROUTE_SECRET_KEY: bytes.toString('hex') });
    expect(result.source).toBe('env');
    expect(result.key.equals(bytes)).toBe(true);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('throws on an invalid OMNIROUTE_SECRET_KEY instead of falling back to the file', () => {
    expect(() => resolveMasterKey(root, { OMNIROUTE_SECRET_KEY: 'not-a-key' })).toThrow(/OMNIROUTE_SECRET_KEY/);
    expect(existsSync(join(root, 'secret.key'))).toBe(false);
  });

  it('treats an empty OMNIROUTE_SECRET_KEY as unset', () => {
    expect(resolveMasterKey(root, { OMNIROUTE_SECRET_KEY: '' }).source).toBe('created');
  });

  posixOnly('creates secret.key with mode 0600 (and its directory 0700), then reuses it', () => {
    const dataDir = join(root, 'nested', 'data');
    const created = resolveMasterKey(dataDir, {});
    const file = join(dataDir, 'secret.key');
    expect(created.source).toBe('created');
    expect(created.file).toBe(file);
    expect(created.key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, 'utf8').trim()).toBe(created.key.toString('hex'));

    const again = resolveMasterKey(dataDir, {});
    expect(again.source).toBe('file');
    expect(again.key.equals(created.key)).toBe(true);
    expect(again.insecurePermissions).toBe(false);
  });

  posixOnly('flags a key file readable by others and reports it through onWarning', () => {
    const first = loadOrCreateMasterKey(root, {});
    const file = join(root, 'secret.key');
    chmodSync(file, 0o644);
    expect(resolveMasterKey(root, {}).insecurePermissions).toBe(true);
    const warnings: string[] = [];
    const key = loadOrCreateMasterKey(root, {}, (message) => warnings.push(message));
    expect(key.equals(first)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('chmod 600');
  });

  it('refuses a corrupt key file rather than silently replacing it', () => {
    const file = join(root, 'secret.key');
    writeFileSync(file, 'garbage\n', { mode: 0o600 });
    expect(() => resolveMasterKey(root, {})).toThrow(/secret\.key must be 64 hex/);
    expect(readFileSync(file, 'utf8')).toBe('garbage\n');
  });

  it('explains where it failed when the data directory cannot be created', () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, '');
    expect(() => resolveMasterKey(join(blocker, 'data'), {})).toThrow(/Cannot read or create the key file .*a-file/);
  });
});
