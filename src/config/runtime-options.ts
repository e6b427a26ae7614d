import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { SettingsInput } from './config-file-schema.js';

export type LogLevel = NonNullable<SettingsInput['logLevel']>;

export interface TimeoutOptions {
  connectMs: number;
  firstByteMs: number;
  idleMs: number;
}

export interface AuthOptions {
  sessionTtlMs: number;
  idleTimeoutMs: number;
  /** Always set `Secure` on the session cookie. */
  cookieSecure: boolean;
  trustedProxies: string[];
  loginMaxFailures: number;
  loginWindowMs: number;
}

export interface CorsOptions {
  /** `['*']`, a list of origins, or empty (no cross-origin browser access to /v1). */
  origins: string[];
}

export interface RuntimeOptions {
  port: number;
  host: string;
  dataDir: string;
  configFile: string | undefined;
  openBrowser: boolean;
  logLevel: LogLevel;
  timeouts: TimeoutOptions;
  shutdownGraceMs: number;
  requestLogFlushMs: number;
  auth: AuthOptions;
  cors: CorsOptions;
}

export interface CliFlags {
  port?: number;
  host?: string;
  dataDir?: string;
  config?: string;
  open?: boolean;
}

export const DEFAULT_PORT = 20128;

/**
 * Defaults sized for LLM traffic: a non-streaming reasoning answer can take minutes before its
 * headers, and a thinking model can be silent for a long time mid-stream.
 */
export const DEFAULTS = {
  port: DEFAULT_PORT,
  host: '127.0.0.1',
  logLevel: 'info' as LogLevel,
  timeouts: { connectMs: 10_000, firstByteMs: 300_000, idleMs: 180_000 },
  shutdownGraceMs: 10_000,
  requestLogFlushMs: 250,
  auth: {
    sessionTtlMs: 7 * 24 * 3600_000,
    idleTimeoutMs: 12 * 3600_000,
    cookieSecure: false,
    trustedProxies: [] as string[],
    loginMaxFailures: 5,
    loginWindowMs: 15 * 60_000,
  },
  cors: { origins: [] as string[] },
};

function resolveAuthOptions(env: NodeJS.ProcessEnv, file: SettingsInput, stored: SettingsInput): AuthOptions {
  const fileAuth = file.auth ?? {};
  const storedAuth = stored.auth ?? {};
  const hours = fileAuth.sessionTtlHours ?? storedAuth.sessionTtlHours;
  const idle = fileAuth.idleTimeoutMinutes ?? storedAuth.idleTimeoutMinutes;
  const window = fileAuth.loginWindowMinutes ?? storedAuth.loginWindowMinutes;
  const envProxies = (env.TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return {
    sessionTtlMs: hours === undefined ? DEFAULTS.auth.sessionTtlMs : hours * 3600_000,
    idleTimeoutMs: idle === undefined ? DEFAULTS.auth.idleTimeoutMs : idle * 60_000,
    cookieSecure: env.AUTH_COOKIE_SECURE === 'true' || (fileAuth.cookieSecure ?? storedAuth.cookieSecure ?? DEFAULTS.auth.cookieSecure),
    trustedProxies: envProxies.length > 0 ? envProxies : (fileAuth.trustedProxies ?? storedAuth.trustedProxies ?? DEFAULTS.auth.trustedProxies),
    loginMaxFailures: fileAuth.loginMaxFailures ?? storedAuth.loginMaxFailures ?? DEFAULTS.auth.loginMaxFailures,
    loginWindowMs: window === undefined ? DEFAULTS.auth.loginWindowMs : window * 60_000,
  };
}

/** Where the data directory and config file are: decided before anything is read from them. */
export function resolveBootPaths(flags: CliFlags, env: NodeJS.ProcessEnv): { dataDir: string; configFile: string | undefined } {
  const dataDir = resolve(flags.dataDir ?? env.DATA_DIR ?? resolve(homedir(), '.omniroute'));
  const configFile = flags.config ?? env.OMNIROUTE_CONFIG;
  return { dataDir, configFile: configFile ? resolve(configFile) : undefined };
}

function parsePort(value: string | undefined, source: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${source} must be a port number (0-65535), got "${value}"`);
  return port;
}

/**
 * Precedence, highest first: command-line flags > environment > config file `settings` >
 * settings stored by the admin API > defaults. The data directory and config file path cannot
 * come from the last three (they are how those are found).
 */
export function resolveRuntimeOptions(input: {
  flags: CliFlags;
  env: NodeJS.ProcessEnv;
  fileSettings?: SettingsInput;
  storedSettings?: SettingsInput;
}): RuntimeOptions {
  const { flags, env } = input;
  const file = input.fileSettings ?? {};
  const stored = input.storedSettings ?? {};
  const { dataDir, configFile } = resolveBootPaths(flags, env);
  const envLog = env.LOG_LEVEL as LogLevel | undefined;
  return {
    port: flags.port ?? parsePort(env.PORT, 'PORT') ?? file.port ?? stored.port ?? DEFAULTS.port,
    host: flags.host ?? (env.HOSTNAME || undefined) ?? file.host ?? stored.host ?? DEFAULTS.host,
    dataDir,
    configFile,
    openBrowser: flags.open ?? true,
    logLevel: envLog ?? file.logLevel ?? stored.logLevel ?? DEFAULTS.logLevel,
    timeouts: {
      connectMs: file.timeouts?.connectMs ?? stored.timeouts?.connectMs ?? DEFAULTS.timeouts.connectMs,
      firstByteMs: file.timeouts?.firstByteMs ?? stored.timeouts?.firstByteMs ?? DEFAULTS.timeouts.firstByteMs,
      idleMs: file.timeouts?.idleMs ?? stored.timeouts?.idleMs ?? DEFAULTS.timeouts.idleMs,
    },
    shutdownGraceMs: file.shutdownGraceMs ?? stored.shutdownGraceMs ?? DEFAULTS.shutdownGraceMs,
    requestLogFlushMs: file.requestLogFlushMs ?? stored.requestLogFlushMs ?? DEFAULTS.requestLogFlushMs,
    auth: resolveAuthOptions(env, file, stored),
    cors: { origins: file.cors?.origins ?? stored.cors?.origins ?? DEFAULTS.cors.origins },
  };
}
