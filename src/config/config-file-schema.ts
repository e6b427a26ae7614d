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

export const settingsSchema = z.strictObject({
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  timeouts: timeoutSettingsSchema.optional(),
  /** How long Ctrl-C / SIGTERM waits for in-flight requests before closing them. */
  shutdownGraceMs: z.number().int().min(0).optional(),
  /** Request-log batching: flush at least this often. */
  requestLogFlushMs: z.number().int().positive().optional(),
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

/** `HH:MM`, 24-hour, UTC. */
const utcTimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24-hour, UTC)');

/**
 * A subscription/plan account's allowance (Claude Pro 5-hour windows, daily free tiers…): the
 * gateway counts requests and tokens per connection in the window and skips the connection once
 * either limit is reached, until the window resets.
 */
export const connectionQuotaSchema = z
  .strictObject({
    /** `5h` rolls (the last five hours); the others are fixed windows in UTC. */
    window: z.enum(['5h', 'daily', 'weekly', 'monthly']),
    /** Daily windows: when the day resets (UTC), default 00:00. */
    resetAt: utcTimeOfDay.optional(),
    requests: z.number().int().positive().optional(),
    /** Input + output tokens. */
    tokens: z.number().int().positive().optional(),
  })
  .refine((quota) => quota.requests !== undefined || quota.tokens !== undefined, { message: 'set requests or tokens (or both)' })
  .refine((quota) => quota.resetAt === undefined || quota.window === 'daily', { message: 'resetAt applies to daily windows only', path: ['resetAt'] });

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
  quota: connectionQuotaSchema.optional(),
});

/** USD per 1M tokens. Missing cachedInput/cacheWrite are billed at the input price, reasoning at the output price. */
export const modelPriceSchema = z.strictObject({
  input: z.number().min(0),
  output: z.number().min(0),
  cachedInput: z.number().min(0).optional(),
  cacheWrite: z.number().min(0).optional(),
  reasoning: z.number().min(0).optional(),
});

export const pricingEntrySchema = modelPriceSchema.extend({
  /** Provider id (catalogue or custom). */
  provider: z.string().min(1),
  /** The model id as sent upstream (no provider prefix). */
  model: z.string().min(1),
});

const usd = z.number().positive();

/**
 * A spending limit in USD. With `apiKey` only: that key's spend on every provider; with `provider`
 * only: everyone's spend on that provider; with both: that key on that provider.
 */
export const budgetEntrySchema = z
  .strictObject({
    /** API key name or id. */
    apiKey: z.string().min(1).optional(),
    provider: z.string().min(1).optional(),
    daily: usd.optional(),
    weekly: usd.optional(),
    monthly: usd.optional(),
    /** Fraction of a limit at which an alert is logged once per window; default 0.8. */
    alertAt: z.number().gt(0).max(1).optional(),
    /** What happens at the limit: refuse (402), or let routing skip to a cheaper target. Default reject. */
    policy: z.enum(['reject', 'downgrade']).optional(),
  })
  .refine((budget) => budget.daily !== undefined || budget.weekly !== undefined || budget.monthly !== undefined, { message: 'set daily, weekly or monthly' })
  .refine((budget) => budget.apiKey !== undefined || budget.provider !== undefined, { message: 'set apiKey or provider (or both)' });

export const configFileSchema = z.strictObject({
  settings: settingsSchema.optional(),
  providers: z.array(providerInputSchema).optional(),
  connections: z.array(connectionInputSchema).optional(),
  /** Price overrides, USD per 1M tokens (defaults come from the provider catalogue). */
  pricing: z.array(pricingEntrySchema).optional(),
  budgets: z.array(budgetEntrySchema).optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type SettingsInput = z.infer<typeof settingsSchema>;
export type ProviderInput = z.infer<typeof providerInputSchema>;
export type ConnectionInput = z.infer<typeof connectionInputSchema>;
export type ConnectionQuota = z.infer<typeof connectionQuotaSchema>;
export type ModelPrice = z.infer<typeof modelPriceSchema>;
export type PricingEntry = z.infer<typeof pricingEntrySchema>;
export type BudgetEntry = z.infer<typeof budgetEntrySchema>;
