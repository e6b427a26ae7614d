import { GatewayError } from '../../errors/gateway-error.js';
import { createProviderRegistry } from '../../providers/provider-registry.js';
import type { ConnectionRecord } from '../../store/repositories/connection-repository.js';
import type { ProviderRecord } from '../../store/repositories/provider-repository.js';
import type { ComboStrategy, RoutingSettingsInput } from '../../config/config-file-schema.js';
import { createRoutingService, type RoutingService } from '../routing-service.js';
import { createRoutingTable, type AliasDefinition, type ComboDefinition } from '../routing-table.js';
import type { RoutedAttempt } from '../router.js';

/** Deterministic PRNG (mulberry32) so strategy tests are repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function provider(id: string, models: string[] = []): ProviderRecord {
  return {
    id,
    prefix: id,
    name: id,
    format: 'openai-chat',
    baseUrl: `http://127.0.0.1:1/${id}`,
    authType: 'apikey',
    authHeader: 'bearer',
    headers: {},
    models,
    isLocal: false,
    source: 'config',
    createdAt: 0,
    updatedAt: 0,
  };
}

export function account(providerId: string, name: string, extra: Partial<ConnectionRecord> = {}): ConnectionRecord {
  return {
    id: `${providerId}-${name}`,
    providerId,
    name,
    apiKey: `sk-${name}`,
    priority: 0,
    weight: 1,
    costFactor: 1,
    enabled: true,
    headers: {},
    source: 'config',
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
}

export function combo(name: string, models: Array<string | { model: string; weight: number }>, strategy: ComboStrategy = 'priority', extra: Partial<ComboDefinition> = {}): ComboDefinition {
  return {
    name,
    strategy,
    entries: models.map((m) => (typeof m === 'string' ? { model: m, weight: 1 } : m)),
    enabled: true,
    sessionAffinity: undefined,
    retries: 0,
    timeoutMs: undefined,
    maxAttempts: undefined,
    ...extra,
  };
}

export interface RoutingFixture {
  service: RoutingService;
  clock: { now: number };
  /** The targets a request would try, in order, as `provider/model@account`. */
  order(requested: string, sessionKey?: string): string[];
  /** Plans one request and reports the first attempt as served; returns its label. */
  serve(requested: string, sessionKey?: string): string;
  fail(attempt: RoutedAttempt, error: GatewayError): void;
  first(requested: string, sessionKey?: string): RoutedAttempt;
  all(requested: string): RoutedAttempt[];
}

export const label = (a: RoutedAttempt) => `${a.provider.id}/${a.model}@${a.credentials.connectionName ?? '-'}`;

export function routingFixture(input: {
  providers: ProviderRecord[];
  connections: ConnectionRecord[];
  combos?: ComboDefinition[];
  aliases?: AliasDefinition[];
  settings?: RoutingSettingsInput;
  prices?: Record<string, number>;
  seed?: number;
  exhaustedUntil?(connectionId: string, now: number): number | undefined;
}): RoutingFixture {
  const registry = createProviderRegistry({ catalog: [], customProviders: input.providers, connections: input.connections });
  const clock = { now: 1_000_000 };
  const service = createRoutingService({
    registry: () => registry,
    fileSettings: input.settings,
    storedSettings: undefined,
    table: createRoutingTable({ combos: input.combos ?? [], aliases: input.aliases ?? [] }),
    clock: () => clock.now,
    random: seededRandom(input.seed ?? 42),
    priceOf: (providerId, model) => input.prices?.[`${providerId}/${model}`],
    ...(input.exhaustedUntil ? { exhaustedUntil: input.exhaustedUntil } : {}),
  });
  const planOf = (requested: string, sessionKey?: string) => service.router.plan({ requested, sessionKey: () => sessionKey });
  const first = (requested: string, sessionKey?: string): RoutedAttempt => {
    const attempt = planOf(requested, sessionKey).next();
    if (!attempt) throw new Error('no attempt');
    return attempt;
  };
  const all = (requested: string, sessionKey?: string): RoutedAttempt[] => {
    const plan = planOf(requested, sessionKey);
    const out: RoutedAttempt[] = [];
    for (let attempt = plan.next(); attempt; attempt = plan.next()) out.push(attempt);
    return out;
  };
  return {
    service,
    clock,
    order: (requested, sessionKey) => all(requested, sessionKey).map(label),
    all,
    serve(requested, sessionKey) {
      const attempt = first(requested, sessionKey);
      service.router.started(attempt);
      service.router.finished(attempt, { sessionKey });
      return label(attempt);
    },
    fail(attempt, error) {
      service.router.started(attempt);
      service.router.finished(attempt, { error });
    },
    first,
  };
}

export const rateLimited = (retryAfterMs?: number) =>
  new GatewayError('upstream_rate_limited', 'slow down', { status: 429, fallover: true, cooldownScope: 'model', ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
