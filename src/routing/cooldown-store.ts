import type { GatewayError } from '../errors/gateway-error.js';

export type CooldownScope = 'account-model' | 'account' | 'provider';

export interface CooldownTarget {
  provider: string;
  connectionId: string | undefined;
  model: string;
}

export interface CooldownEntry {
  scope: CooldownScope;
  provider: string;
  connectionId?: string;
  model?: string;
  /** Epoch ms. */
  until: number;
  reason: string;
  /** Consecutive failures in this scope; drives the exponential backoff. */
  failures: number;
  /** The provider said when to come back (Retry-After), or the credentials were refused. */
  hard: boolean;
}

/**
 * Which targets are resting after a failure. Behind an interface because with several instances
 * it must be shared (Redis); the in-memory one serves a single process.
 */
export interface CooldownStore {
  /** The longest active cooldown covering this target, if any. */
  active(target: CooldownTarget, now: number): CooldownEntry | undefined;
  /** Record a failure; returns the cooldown it started (undefined for errors with no scope). */
  recordFailure(target: CooldownTarget, error: GatewayError, now: number): CooldownEntry | undefined;
  /** A success ends the target's cooldowns and resets its backoff. */
  recordSuccess(target: CooldownTarget): void;
  list(now: number): CooldownEntry[];
  clear(): void;
}

/** A provider that named a reset days away still gets retried once a day at most. */
const MAX_STATED_MS = 24 * 60 * 60 * 1000;

function scopeOf(error: GatewayError, target: CooldownTarget): CooldownScope | undefined {
  switch (error.cooldownScope) {
    case 'model':
      return target.connectionId === undefined ? 'provider' : 'account-model';
    case 'account':
      return target.connectionId === undefined ? 'provider' : 'account';
    case 'provider':
      return 'provider';
    default:
      return undefined;
  }
}

function keyOf(scope: CooldownScope, target: CooldownTarget): string {
  if (scope === 'provider') return `p\u0000${target.provider}`;
  if (scope === 'account') return `a\u0000${target.provider}\u0000${target.connectionId ?? ''}`;
  return `m\u0000${target.provider}\u0000${target.connectionId ?? ''}\u0000${target.model}`;
}

export function createMemoryCooldownStore(policy: () => { baseMs: number; maxMs: number }): CooldownStore {
  const entries = new Map<string, CooldownEntry>();

  const lookup = (key: string, now: number): CooldownEntry | undefined => {
    const entry = entries.get(key);
    return entry && entry.until > now ? entry : undefined;
  };

  return {
    active(target, now) {
      if (entries.size === 0) return undefined;
      let longest: CooldownEntry | undefined;
      for (const scope of ['provider', 'account', 'account-model'] as const) {
        const entry = lookup(keyOf(scope, target), now);
        if (entry && (!longest || entry.until > longest.until)) longest = entry;
      }
      return longest;
    },

    recordFailure(target, error, now) {
      const scope = scopeOf(error, target);
      if (!scope) return undefined;
      const key = keyOf(scope, target);
      const failures = (entries.get(key)?.failures ?? 0) + 1;
      const { baseMs, maxMs } = policy();
      const stated = error.retryAfterMs;
      // Bad credentials do not heal by themselves: rest the account for the longest backoff.
      const authFailure = error.code === 'upstream_auth_failed';
      const durationMs = stated !== undefined ? Math.min(stated, MAX_STATED_MS) : authFailure ? maxMs : Math.min(maxMs, baseMs * 2 ** (failures - 1));
      const entry: CooldownEntry = {
        scope,
        provider: target.provider,
        ...(scope !== 'provider' && target.connectionId !== undefined ? { connectionId: target.connectionId } : {}),
        ...(scope === 'account-model' ? { model: target.model } : {}),
        until: now + durationMs,
        reason: `${error.upstreamStatus ?? error.status} ${error.code}`,
        failures,
        hard: stated !== undefined || authFailure,
      };
      entries.set(key, entry);
      return entry;
    },

    recordSuccess(target) {
      if (entries.size === 0) return;
      for (const scope of ['provider', 'account', 'account-model'] as const) entries.delete(keyOf(scope, target));
    },

    list(now) {
      const out: CooldownEntry[] = [];
      for (const [key, entry] of entries) {
        if (entry.until > now) out.push(entry);
        // Expired entries keep their failure count only while they could still matter for backoff.
        else if (now - entry.until > policy().maxMs) entries.delete(key);
      }
      return out.sort((a, b) => a.until - b.until);
    },

    clear() {
      entries.clear();
    },
  };
}
