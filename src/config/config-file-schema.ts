import { z } from 'zod';
import { WIRE_FORMATS } from '../translate/wire-format.js';

/**
 * The declarative config file (YAML or JSON). The same objects the admin API manages; this file
 * is the one schema for both, so a field means the same thing wherever it is set.
 */

const headerMap = z.record(z.string(), z.string());

export const timeoutSettingsSchema = z.strictObject({
  /** TCP+TLS connect to the upstream. */
  connectMs: z.number().int().positive().optional(),
  /** Request sent → upstream response headers. */
  firstByteMs: z.number().int().positive().optional(),
  /** Longest silence between two body chunks of an upstream response. */
  idleMs: z.number().int().positive().optional(),
});

export const loggingSettingsSchema = z.strictObject({
  /** Store redacted request/response bodies with each request log (also `ENABLE_REQUEST_LOGS=true`). */
  captureBodies: z.boolean().optional(),
  /** Each captured body is cut to this many bytes. */
  maxBodyBytes: z.number().int().min(256).max(16 * 1024 * 1024).optional(),
  /** Request logs (and captured bodies) older than this many days are deleted. */
  retentionDays: z.number().int().min(1).optional(),
  /** At most this many request-log rows are kept; the oldest go first. */
  maxRows: z.number().int().min(100).optional(),
  /** JSON log file in DATA_DIR/logs; set `false` to log to stdout only. */
  file: z
    .union([
      z.literal(false),
      z.strictObject({
        /** Rotate when the file reaches this size, e.g. `10M`. */
        maxSize: z.string().regex(/^\d+[BKMG]$/, 'use a size like 500K, 10M or 1G').optional(),
        /** Also rotate at midnight. */
        daily: z.boolean().optional(),
        /** Rotated files kept. */
        maxFiles: z.number().int().min(1).max(1000).optional(),
      }),
    ])
    .optional(),
  /** Recent log lines kept in memory for `GET /api/console-logs`. */
  consoleBufferLines: z.number().int().min(10).max(100_000).optional(),
});

export const metricsSettingsSchema = z.strictObject({
  /** Serve Prometheus metrics on `/metrics`. Default: on when bound to loopback, off otherwise. */
  enabled: z.boolean().optional(),
  /** Distinct model label values before the rest are reported as `other`. */
  maxModels: z.number().int().min(1).max(1000).optional(),
});

export const settingsSchema = z.strictObject({
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  timeouts: timeoutSettingsSchema.optional(),
  /** How long Ctrl-C / SIGTERM waits for in-flight requests before closing them. */
  shutdownGraceMs: z.number().int().min(0).optional(),
  /** Request-log batching: flush at least this often. */
  requestLogFlushMs: z.number().int().positive().optional(),
  logging: loggingSettingsSchema.optional(),
  metrics: metricsSettingsSchema.optional(),
});

export const providerIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'use letters, digits, ".", "_" or "-"')
  .max(64);

export const providerInputSchema = z.strictObject({
  id: providerIdSchema,
  /** What clients write before the slash in `prefix/model`; defaults to the id. */
  prefix: providerIdSchema.optional(),
  name: z.string().min(1).max(200).optional(),
  format: z.enum(WIRE_FORMATS),
  /** Base URL up to the API version, e.g. `http://127.0.0.1:11434/v1`. */
  baseUrl: z.url({ protocol: /^https?$/ }),
  authType: z.enum(['apikey', 'none']).optional(),
  authHeader: z.enum(['bearer', 'x-api-key', 'x-goog-api-key', 'none']).optional(),
  headers: headerMap.optional(),
  models: z.array(z.string().min(1)).optional(),
  /** A runtime on this machine or LAN (Ollama, LM Studio…): private addresses are expected. */
  local: z.boolean().optional(),
});

export const connectionInputSchema = z.strictObject({
  /** Provider id or prefix (built-in catalogue or custom). */
  provider: z.string().min(1),
  name: z.string().min(1).max(200),
  apiKey: z.string().min(1).optional(),
  /** Lower first. */
  priority: z.number().int().optional(),
  weight: z.number().int().min(0).optional(),
  enabled: z.boolean().optional(),
  /** Overrides the provider's base URL for this account. */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  headers: headerMap.optional(),
  /** Seam for per-account HTTP proxies. */
  proxyUrl: z.url().optional(),
});

export const configFileSchema = z.strictObject({
  settings: settingsSchema.optional(),
  providers: z.array(providerInputSchema).optional(),
  connections: z.array(connectionInputSchema).optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type SettingsInput = z.infer<typeof settingsSchema>;
export type ProviderInput = z.infer<typeof providerInputSchema>;
export type ConnectionInput = z.infer<typeof connectionInputSchema>;
