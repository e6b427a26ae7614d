import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { resolveAccessOptions, type AccessOptions } from '../access/access-options.js';
import type { SettingsInput } from './config-file-schema.js';

export type LogLevel = NonNullable<SettingsInput['logLevel']>;

export interface TimeoutOptions {
  connectMs: number;
  firstByteMs: number;
  idleMs: number;
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
  access: AccessOptions;
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
};

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
    access: resolveAccessOptions(env, file.access, stored.access),
  };
}
