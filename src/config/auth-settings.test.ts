import { describe, expect, it } from 'vitest';
import { configFileSchema } from './config-file-schema.js';
import { DEFAULTS, resolveRuntimeOptions } from './runtime-options.js';

const resolve = (env: NodeJS.ProcessEnv, fileSettings = {}) => resolveRuntimeOptions({ flags: { dataDir: '/tmp/x' }, env, fileSettings });

describe('settings.auth and settings.cors', () => {
  it('default to closed CORS, no trusted proxy, cookies not forced Secure, 5 failures / 15 min', () => {
    const options = resolve({});
    expect(options.cors.origins).toEqual([]);
    expect(options.auth).toEqual(DEFAULTS.auth);
    expect(options.auth).toMatchObject({ cookieSecure: false, loginMaxFailures: 5, loginWindowMs: 15 * 60_000 });
    expect(options.access.trustedProxies).toEqual([]);
  });

  it('take the file settings, converted to milliseconds; the environment wins for the cookie flag and proxies', () => {
    const file = { auth: { sessionTtlHours: 2, idleTimeoutMinutes: 30, loginMaxFailures: 3, loginWindowMinutes: 1 }, access: { trustedProxies: ['10.0.0.0/8'] }, cors: { origins: ['*'] } };
    const fromFile = resolve({}, file);
    expect(fromFile.auth).toEqual({ sessionTtlMs: 2 * 3600_000, idleTimeoutMs: 30 * 60_000, cookieSecure: false, loginMaxFailures: 3, loginWindowMs: 60_000 });
    expect(fromFile.access.trustedProxies).toEqual(['10.0.0.0/8']);
    expect(fromFile.cors.origins).toEqual(['*']);
    const fromEnv = resolve({ AUTH_COOKIE_SECURE: 'true', TRUSTED_PROXIES: '127.0.0.1, ::1' }, file);
    expect(fromEnv.auth).toMatchObject({ cookieSecure: true });
    expect(fromEnv.access.trustedProxies).toEqual(['127.0.0.1', '::1']);
    // Any spelling of a boolean, like the other flags; an explicit "off" beats the file.
    expect(resolve({ AUTH_COOKIE_SECURE: 'yes' }).auth.cookieSecure).toBe(true);
    expect(resolve({ AUTH_COOKIE_SECURE: 'off' }, { auth: { cookieSecure: true } }).auth.cookieSecure).toBe(false);
    expect(resolve({}, { auth: { cookieSecure: true } }).auth.cookieSecure).toBe(true);
  });

  it('are validated strictly, naming the field', () => {
    expect(configFileSchema.safeParse({ settings: { auth: { sessionTtlHours: 1 }, cors: { origins: ['https://app.example.com:8443', '*'] } } }).success).toBe(true);
    const typo = configFileSchema.safeParse({ settings: { auth: { sesionTtlHours: 1 } } });
    expect(typo.success).toBe(false);
    const badOrigin = configFileSchema.safeParse({ settings: { cors: { origins: ['https://app.example.com/path'] } } });
    expect(badOrigin.success).toBe(false);
    expect(badOrigin.error?.issues[0]?.path).toEqual(['settings', 'cors', 'origins', 0]);
  });
});
