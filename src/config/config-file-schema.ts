import { z } from 'zod';
import { isValidCidr } from '../access/ip-matcher.js';
import { isValidPattern } from '../access/prompt-guard.js';
import { apiKeyBudgetSchema } from '../store/repositories/api-key-budget.js';
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

export const COMBO_STRATEGIES = ['priority', 'weighted', 'round-robin', 'random', 'least-used', 'cost-optimized', 'p2c'] as const;
export const ACCOUNT_STRATEGIES = ['fill-first', 'round-robin', 'p2c', 'random', 'least-used', 'cost-optimized'] as const;

const accountStrategySettings = z.strictObject({
  accountStrategy: z.enum(ACCOUNT_STRATEGIES).optional(),
  /** Round-robin: consecutive requests one account serves before the next takes over. */
  stickyLimit: z.number().int().min(1).optional(),
});

export const routingSettingsSchema = z.strictObject({
  /** Default account strategy for every provider; `providers.<id>` overrides it. */
  accountStrategy: z.enum(ACCOUNT_STRATEGIES).optional(),
  stickyLimit: z.number().int().min(1).optional(),
  providers: z.record(z.string(), accountStrategySettings).optional(),
  /** Keep a conversation on one account while it is healthy (warm prompt caches). */
  sessionAffinity: z.boolean().optional(),
  /** A conversation idle this long forgets its account. */
  affinityTtlMs: z.number().int().positive().optional(),
  /** Tried in order when a single model (not a combo) fails with a fall-over error. */
  fallback: z.array(z.string().min(1)).optional(),
  /** Upper bound on upstream attempts per request, across targets and accounts. */
  maxAttempts: z.number().int().min(1).max(100).optional(),
  cooldown: z
    .strictObject({
      /** First cooldown after a failure without Retry-After; doubles on each repeat. */
      baseMs: z.number().int().positive().optional(),
      maxMs: z.number().int().positive().optional(),
    })
    .optional(),
});

const cidrList = z.array(z.string().refine(isValidCidr, 'not an IP address or CIDR range (e.g. 10.0.0.0/8, 2001:db8::/32)'));
const ipListsSchema = z.strictObject({ allow: cidrList.optional(), block: cidrList.optional() });

/** Who may call the gateway, and what the gateway may call (issue #5). */
export const accessSettingsSchema = z.strictObject({
  /** Every client needs an API key, loopback included. Env REQUIRE_API_KEY wins. */
  requireApiKey: z.boolean().optional(),
  /** Allow / block lists, separately for the client API (/v1 and friends) and the admin API (/api). */
  ip: z.strictObject({ v1: ipListsSchema.optional(), api: ipListsSchema.optional() }).optional(),
  /** Reverse proxies whose X-Forwarded-For is believed. */
  trustedProxies: cidrList.optional(),
  /** Provider ids whose models /v1/models does not list. */
  modelsBlockedProviders: z.array(z.string().min(1)).optional(),
  /** /v1/models needs an API key even from loopback. */
  protectModels: z.boolean().optional(),
  /** Private ranges upstream connections may reach without the provider being `local: true`. */
  allowPrivateUpstreams: cidrList.optional(),
  /** Optional prompt-injection guard over the user's text. */
  promptGuard: z
    .strictObject({
      mode: z.enum(['block', 'flag']),
      patterns: z.array(z.string().min(1).refine(isValidPattern, 'not a valid regular expression')).min(1),
    })
    .optional(),
});

export const loggingSettingsSchema = z.strictObject({
  /**
   * One request-log row per request (default true). Off: no logs, no cost or budget or quota
   * tracking, no metrics — for a gateway that must keep no record at all.
   */
  requestLogs: z.boolean().optional(),
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

export const authSettingsSchema = z.strictObject({
  /** Absolute lifetime of a dashboard session. */
  sessionTtlHours: z.number().positive().max(24 * 365).optional(),
  /** A session unused this long ends. */
  idleTimeoutMinutes: z.number().positive().optional(),
  /** Always mark the session cookie `Secure` (env AUTH_COOKIE_SECURE, which wins, does the same). */
  cookieSecure: z.boolean().optional(),
  /** Failed logins allowed per client address within loginWindowMinutes. */
  loginMaxFailures: z.number().int().positive().optional(),
  loginWindowMinutes: z.number().positive().optional(),
});

/** `'*'` or origins like `https://app.example.com` (scheme, host, optional port; no path). */
export const corsOriginSchema = z.union([z.literal('*'), z.string().regex(/^https?:\/\/[^/\s]+$/, 'an origin like https://app.example.com, or "*"')]);

export const corsSettingsSchema = z.strictObject({
  /** Browser origins allowed to call /v1 (no credentials). Empty (default): none. /api never allows any. */
  origins: z.array(corsOriginSchema).optional(),
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
  routing: routingSettingsSchema.optional(),
  logging: loggingSettingsSchema.optional(),
  metrics: metricsSettingsSchema.optional(),
  access: accessSettingsSchema.optional(),
  auth: authSettingsSchema.optional(),
  cors: corsSettingsSchema.optional(),
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
  /** Relative cost of this account for the cost-optimized account strategy: 0 for free or prepaid plans. Default 1. */
  costFactor: z.number().min(0).optional(),
  quota: connectionQuotaSchema.optional(),
});

/** `combo/<name>` is how a client may address a combo whose name looks like a model. */
export const comboNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._:-]*$/i, 'use letters, digits, ".", "_", ":" or "-" (no slash)')
  .max(100);

export const comboModelSchema = z.union([
  z.string().min(1),
  z.strictObject({
    model: z.string().min(1),
    /** For the `weighted` strategy; default 1. */
    weight: z.number().min(0).optional(),
  }),
]);

export const comboInputSchema = z.strictObject({
  name: comboNameSchema,
  strategy: z.enum(COMBO_STRATEGIES).optional(),
  /** Models (`prefix/model`, aliases) or other combos, tried per the strategy. */
  models: z.array(comboModelSchema).min(1),
  enabled: z.boolean().optional(),
  /** Stick a conversation to the account that served it; default from settings.routing. */
  sessionAffinity: z.boolean().optional(),
  /** Extra tries on the same target for transient failures (5xx, resets) before moving on. */
  retries: z.number().int().min(0).max(5).optional(),
  /** First-byte timeout per attempt for this combo's targets. */
  timeoutMs: z.number().int().positive().optional(),
  maxAttempts: z.number().int().min(1).max(100).optional(),
});

export const aliasInputSchema = z.strictObject({
  /** Exact name, or a wildcard with `*` and `?` (`claude-sonnet-*`, `oai/*`). */
  pattern: z.string().min(1).max(200),
  /** `prefix/model`, a combo name, or with `*` to carry over what the pattern's `*` matched. */
  target: z.string().min(1).max(300),
});

/** A client API key declared in the config file; its plaintext is hashed on import, never stored. */
export const apiKeyConfigSchema = z.strictObject({
  name: z.string().min(1).max(200),
  /** Usually `${SOME_ENV}`. Long enough that a fast hash cannot be brute-forced. */
  key: z.string().min(20, 'use at least 20 characters (generate one with: openssl rand -hex 24)').max(512).regex(/^\S+$/, 'no whitespace'),
  /** Allowed models / combos, `*` wildcards; omitted = all. */
  models: z.array(z.string().min(1)).optional(),
  rpm: z.number().int().positive().optional(),
  /** ISO date-time or epoch milliseconds. */
  expiresAt: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]).optional(),
  admin: z.boolean().optional(),
  budget: apiKeyBudgetSchema.optional(),
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
  combos: z.array(comboInputSchema).optional(),
  aliases: z.array(aliasInputSchema).optional(),
  apiKeys: z.array(apiKeyConfigSchema).optional(),
  /** Price overrides, USD per 1M tokens (defaults come from the provider catalogue). */
  pricing: z.array(pricingEntrySchema).optional(),
  budgets: z.array(budgetEntrySchema).optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type SettingsInput = z.infer<typeof settingsSchema>;
export type ProviderInput = z.infer<typeof providerInputSchema>;
export type ConnectionInput = z.infer<typeof connectionInputSchema>;
export type ComboInput = z.infer<typeof comboInputSchema>;
export type AliasInput = z.infer<typeof aliasInputSchema>;
export type RoutingSettingsInput = z.infer<typeof routingSettingsSchema>;
export type ComboStrategy = (typeof COMBO_STRATEGIES)[number];
export type AccountStrategy = (typeof ACCOUNT_STRATEGIES)[number];
export type AccessSettingsInput = z.infer<typeof accessSettingsSchema>;
export type ApiKeyConfig = z.infer<typeof apiKeyConfigSchema>;
export type ConnectionQuota = z.infer<typeof connectionQuotaSchema>;
export type ModelPrice = z.infer<typeof modelPriceSchema>;
export type PricingEntry = z.infer<typeof pricingEntrySchema>;
export type BudgetEntry = z.infer<typeof budgetEntrySchema>;
