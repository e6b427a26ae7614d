import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { isLoopbackAddress } from '../access/is-loopback-address.js';
import { resolveAccessOptions, type AccessOptions } from '../access/access-options.js';
import type { SettingsInput } from './config-file-schema.js';
import { envFlag } from './env-flag.js';

export type LogLevel = NonNullable<SettingsInput['logLevel']>;

export interface TimeoutOptions {
  connectMs: number;
  firstByteMs: number;
  idleMs: number;
}

export interface LoggingOptions {
  /** Record a request-log row per request (and with it cost, budgets, quotas, metrics). */
  requestLogs: boolean;
  captureBodies: boolean;
  maxBodyBytes: number;
  retentionDays: number;
  maxRows: number;
  /** Undefined: stdout only. */
  file: { maxSize: string; daily: boolean; maxFiles: number } | undefined;
  consoleBufferLines: number;
}

export interface ObservabilityOptions {
  metrics: { enabled: boolean; maxModels: number };
  /** Full OTLP/HTTP traces URL; undefined: no tracing code is loaded at all. */
  otlpTracesUrl: string | undefined;
}

export interface AuthOptions {
  sessionTtlMs: number;
  idleTimeoutMs: number;
  /** Always set `Secure` on the session cookie. */
  cookieSecure: boolean;
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
  logging: LoggingOptions;
  observability: ObservabilityOptions;
  access: AccessOptions;
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
  logging: {
    requestLogs: true,
    captureBodies: false,
    maxBodyBytes: 64 * 1024,
    retentionDays: 30,
    maxRows: 1_000_000,
    file: { maxSize: '10M', daily: true, maxFiles: 7 },
    consoleBufferLines: 1000,
  },
  metricsMaxModels: 50,
  auth: {
    sessionTtlMs: 7 * 24 * 3600_000,
    idleTimeoutMs: 12 * 3600_000,
    cookieSecure: false,
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
  return {
    sessionTtlMs: hours === undefined ? DEFAULTS.auth.sessionTtlMs : hours * 3600_000,
    idleTimeoutMs: idle === undefined ? DEFAULTS.auth.idleTimeoutMs : idle * 60_000,
    cookieSecure: envFlag(env.AUTH_COOKIE_SECURE) ?? fileAuth.cookieSecure ?? storedAuth.cookieSecure ?? DEFAULTS.auth.cookieSecure,
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
  const host = flags.host ?? (env.HOSTNAME || undefined) ?? file.host ?? stored.host ?? DEFAULTS.host;
  return {
    port: flags.port ?? parsePort(env.PORT, 'PORT') ?? file.port ?? stored.port ?? DEFAULTS.port,
    host,
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
    access: resolveAccessOptions(env, file.access, stored.access),
    logging: resolveLogging(env, file.logging, stored.logging),
    observability: resolveObservability(env, host, file.metrics, stored.metrics),
  };
}

type LoggingSettings = NonNullable<SettingsInput['logging']>;
type MetricsSettings = NonNullable<SettingsInput['metrics']>;

function resolveLogging(env: NodeJS.ProcessEnv, file: LoggingSettings = {}, stored: LoggingSettings = {}): LoggingOptions {
  const d = DEFAULTS.logging;
  const fileSetting = file.file ?? stored.file;
  return {
    requestLogs: file.requestLogs ?? stored.requestLogs ?? d.requestLogs,
    captureBodies: envFlag(env.ENABLE_REQUEST_LOGS) ?? file.captureBodies ?? stored.captureBodies ?? d.captureBodies,
    maxBodyBytes: file.maxBodyBytes ?? stored.maxBodyBytes ?? d.maxBodyBytes,
    retentionDays: file.retentionDays ?? stored.retentionDays ?? d.retentionDays,
    maxRows: file.maxRows ?? stored.maxRows ?? d.maxRows,
    file:
      fileSetting === false
        ? undefined
        : { maxSize: fileSetting?.maxSize ?? d.file.maxSize, daily: fileSetting?.daily ?? d.file.daily, maxFiles: fileSetting?.maxFiles ?? d.file.maxFiles },
    consoleBufferLines: file.consoleBufferLines ?? stored.consoleBufferLines ?? d.consoleBufferLines,
  };
}

/**
 * Metrics reveal traffic shape (models, volumes, error rates), so they are on by default only
 * when the gateway listens on loopback; on a public bind they must be switched on deliberately.
 */
function resolveObservability(env: NodeJS.ProcessEnv, host: string, file: MetricsSettings = {}, stored: MetricsSettings = {}): ObservabilityOptions {
  // The OTel convention: the per-signal variable is the full URL, the generic one a base URL.
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  return {
    metrics: {
      enabled: file.enabled ?? stored.enabled ?? (isLoopbackAddress(host) || host === 'localhost'),
      maxModels: file.maxModels ?? stored.maxModels ?? DEFAULTS.metricsMaxModels,
    },
    otlpTracesUrl: tracesUrl,
  };
}
