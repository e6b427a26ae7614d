import { GatewayError } from '../errors/gateway-error.js';
import type { UpstreamCredentials } from '../providers/provider-adapter.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { ConnectionRecord } from '../store/repositories/connection-repository.js';
import { accountKey, orderAccounts } from './account-strategies.js';
import { MAX_COMBO_DEPTH } from './check-combos.js';
import { orderComboEntries } from './combo-strategies.js';
import type { CooldownStore, CooldownTarget } from './cooldown-store.js';
import type { Random } from './ordering.js';
import { resolveRoute, type RouteNode } from './resolve-route.js';
import type { RoutingCounters } from './routing-counters.js';
import { providerRoutingSettings, type RoutingSettings } from './routing-settings.js';
import type { ComboDefinition, ComboEntry, RoutingTable } from './routing-table.js';
import { ANONYMOUS_CREDENTIALS, credentialsOf, providerNotConfigured } from './select-credentials.js';
import type { SessionAffinity } from './session-affinity.js';

/** One upstream call the pipeline may make: a provider model on one account. */
export interface RoutedAttempt {
  provider: ProviderDefinition;
  model: string;
  credentials: UpstreamCredentials;
  /** The combo that listed this target (innermost), if any. */
  combo: ComboDefinition | undefined;
  /** Extra tries on this same target for transient failures. */
  retries: number;
  /** First-byte timeout for this attempt, when its combo sets one. */
  timeoutMs: number | undefined;
  /** The model's context window when the catalogue knows it. */
  contextLength: number | undefined;
  /** Counter keys (account, target, combos) for the load-aware strategies. */
  counterKeys: string[];
  /** Resting after a failure (or out of quota): tried only once every healthy target has failed. */
  lastResort: boolean;
}

export interface RoutePlan {
  /** The combo the client named, if it named one. */
  combo: string | undefined;
  maxAttempts: number;
  /**
   * The next attempt, or undefined when every target has been tried. Accounts of a target are
   * ordered only when it is reached, so strategies of providers never tried keep their turn.
   * Throws the reason when there was nothing to try at all. (A hand-rolled cursor, not a
   * generator: suspended generators cost microseconds per request, this costs nanoseconds.)
   */
  next(): RoutedAttempt | undefined;
}

export interface Router {
  plan(input: { requested: string; sessionKey: () => string | undefined }): RoutePlan;
  /** The first provider model a name leads to, without touching any strategy state (count_tokens). */
  primaryTarget(requested: string): { provider: ProviderDefinition; model: string };
  started(attempt: RoutedAttempt): void;
  /** `aborted`: the client left; the attempt says nothing about the target's health. */
  finished(attempt: RoutedAttempt, result: { error?: GatewayError; sessionKey?: string | undefined; aborted?: boolean }): void;
}

export interface RouterDeps {
  registry(): ProviderRegistry;
  table(): RoutingTable;
  settings(): RoutingSettings;
  cooldowns: CooldownStore;
  counters: RoutingCounters;
  affinity: SessionAffinity;
  clock(): number;
  random: Random;
  /** Blended USD per million tokens for cost-optimized; undefined when unpriced. */
  priceOf(providerId: string, model: string): number | undefined;
  /** When a connection's declared quota is used up (usage tracking): epoch ms of its reset. Such accounts are skipped. */
  exhaustedUntil?(connectionId: string, now: number): number | undefined;
}

const targetKey = (providerId: string, model: string) => `target:${providerId}/${model}`;
const comboKey = (name: string) => `combo:${name}`;

interface TargetNode {
  provider: ProviderDefinition;
  model: string;
  combo: ComboDefinition | undefined;
  comboChain: string[];
}

interface Deferred {
  attempt: RoutedAttempt;
  until: number;
}

function makeAttempt(target: TargetNode, credentials: UpstreamCredentials, lastResort: boolean): RoutedAttempt {
  return {
    provider: target.provider,
    model: target.model,
    credentials,
    combo: target.combo,
    retries: target.combo?.retries ?? 0,
    timeoutMs: target.combo?.timeoutMs,
    contextLength: target.provider.models.find((m) => m.id === target.model)?.contextLength,
    counterKeys: [
      ...(credentials.connectionId === undefined ? [] : [accountKey(credentials.connectionId)]),
      targetKey(target.provider.id, target.model),
      ...target.comboChain.map(comboKey),
    ],
    lastResort,
  };
}

export function createRouter(deps: RouterDeps): Router {
  const cooldownTarget = (providerId: string, connectionId: string | undefined, model: string): CooldownTarget => ({ provider: providerId, connectionId, model });

  const plan: Router['plan'] = ({ requested, sessionKey }) => {
    const registry = deps.registry();
    const table = deps.table();
    const settings = deps.settings();
    const root = resolveRoute(registry, table, requested);
    const rootCombo = root.kind === 'combo' ? root.combo : undefined;
    const affinityOn = rootCombo?.sessionAffinity ?? settings.sessionAffinity;
    const problems: GatewayError[] = [];
    const targets = root.kind === 'combo' ? comboTargets(registry, table, root.combo, problems) : modelTargets(registry, table, root, settings.fallback);

    const now = deps.clock();
    const seen = new Set<string>();
    const deferred: Deferred[] = [];
    let queue: RoutedAttempt[] = [];
    let queued = 0;
    let targetIndex = 0;
    let deferredReleased = false;
    let yielded = 0;
    // A quota the user declared is a hard limit: never tried, not even as a last resort.
    let soonestReset: number | undefined;
    let session: string | undefined | null = null;

    const pinnedAccount = (providerId: string): string | undefined => {
      if (session === null) session = sessionKey();
      return session === undefined ? undefined : deps.affinity.get(session, providerId, now);
    };

    /** The attempts for one target: its healthy accounts in strategy order; resting ones deferred. */
    const attemptsOf = (target: TargetNode): RoutedAttempt[] => {
      const connections = registry.connectionsOf(target.provider.id);
      if (connections.length === 0) {
        if (target.provider.authType !== 'none') {
          problems.push(providerNotConfigured(target.provider.id));
          return [];
        }
        const key = `${target.provider.id}/${target.model}/`;
        if (seen.has(key)) return [];
        seen.add(key);
        const until = deps.cooldowns.active(cooldownTarget(target.provider.id, undefined, target.model), now)?.until;
        if (until === undefined) return [makeAttempt(target, ANONYMOUS_CREDENTIALS, false)];
        deferred.push({ attempt: makeAttempt(target, ANONYMOUS_CREDENTIALS, true), until });
        return [];
      }

      const healthy: ConnectionRecord[] = [];
      for (const connection of connections) {
        const key = `${target.provider.id}/${target.model}/${connection.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const exhausted = deps.exhaustedUntil?.(connection.id, now);
        if (exhausted !== undefined && exhausted > now) {
          soonestReset = Math.min(soonestReset ?? exhausted, exhausted);
          continue;
        }
        const until = deps.cooldowns.active(cooldownTarget(target.provider.id, connection.id, target.model), now)?.until;
        if (until === undefined) healthy.push(connection);
        else deferred.push({ attempt: makeAttempt(target, credentialsOf(connection), true), until });
      }
      if (healthy.length === 0) return [];

      const pinnedId = affinityOn && healthy.length > 1 ? pinnedAccount(target.provider.id) : undefined;
      const pinned = pinnedId === undefined ? undefined : healthy.find((c) => c.id === pinnedId);
      let ordered: ConnectionRecord[];
      if (pinned) {
        // Inside a conversation the account stays put; rotation happens between conversations.
        ordered = [pinned, ...healthy.filter((c) => c !== pinned)];
      } else {
        const own = providerRoutingSettings(settings, target.provider.id);
        ordered = orderAccounts(target.provider.id, own.accountStrategy, healthy, { random: deps.random, counters: deps.counters, stickyLimit: own.stickyLimit });
      }
      return ordered.map((connection) => makeAttempt(target, credentialsOf(connection), false));
    };

    const next = (): RoutedAttempt | undefined => {
      for (;;) {
        if (queued < queue.length) {
          yielded += 1;
          return queue[queued++];
        }
        const target = targets[targetIndex];
        if (target) {
          targetIndex += 1;
          queue = attemptsOf(target);
          queued = 0;
          continue;
        }
        if (!deferredReleased) {
          // Cooldowns steer, they never refuse: once every healthy target has failed (or none was
          // healthy), the resting ones are tried too, soonest to recover first, so the client
          // gets the provider's own answer rather than one the gateway made up.
          deferredReleased = true;
          queue = deferred.sort((a, b) => a.until - b.until).map((d) => d.attempt);
          queued = 0;
          continue;
        }
        if (yielded > 0) return undefined;
        if (soonestReset !== undefined) {
          throw new GatewayError('upstream_rate_limited', `Every account for '${requested}' has used up its plan quota; the first resets at ${new Date(soonestReset).toISOString()}.`, {
            status: 429,
            type: 'rate_limit_error',
            retryAfterMs: Math.max(0, soonestReset - now),
          });
        }
        throw problems[0] ?? new GatewayError('no_target_available', `No target is available for '${requested}'.`, { status: 503 });
      }
    };

    return { combo: rootCombo?.name, maxAttempts: rootCombo?.maxAttempts ?? settings.maxAttempts, next };
  };

  /** A combo's targets in strategy order, nested combos expanded in place (each with its own strategy). */
  const comboTargets = (registry: ProviderRegistry, table: RoutingTable, root: ComboDefinition, problems: GatewayError[]): TargetNode[] => {
    const out: TargetNode[] = [];
    const resolved = new Map<string, RouteNode | GatewayError>();
    const resolve = (name: string): RouteNode | GatewayError => {
      let node = resolved.get(name);
      if (!node) {
        try {
          node = resolveRoute(registry, table, name);
        } catch (error) {
          node = error instanceof GatewayError ? error : new GatewayError('invalid_request', String(error), { status: 400 });
        }
        resolved.set(name, node);
      }
      return node;
    };
    const keyOf = (entry: ComboEntry): string => {
      const node = resolve(entry.model);
      if (node instanceof GatewayError) return `missing:${entry.model}`;
      return node.kind === 'combo' ? comboKey(node.combo.name) : targetKey(node.provider.id, node.model);
    };
    const priceOf = (entry: ComboEntry): number | undefined => {
      const node = resolve(entry.model);
      return node instanceof GatewayError || node.kind === 'combo' ? undefined : deps.priceOf(node.provider.id, node.model);
    };
    const expand = (combo: ComboDefinition, chain: string[]): void => {
      if (chain.length > MAX_COMBO_DEPTH) return;
      for (const entry of orderComboEntries(combo.name, combo.strategy, combo.entries, { random: deps.random, counters: deps.counters, keyOf, priceOf })) {
        const node = resolve(entry.model);
        if (node instanceof GatewayError) problems.push(node);
        else if (node.kind === 'model') out.push({ provider: node.provider, model: node.model, combo, comboChain: chain });
        else if (node.combo.enabled && !chain.includes(node.combo.name)) expand(node.combo, [...chain, node.combo.name]);
      }
    };
    expand(root, [root.name]);
    return out;
  };

  /** A single model, then the global fallback chain (a combo is its own fallback chain). */
  const modelTargets = (registry: ProviderRegistry, table: RoutingTable, root: RouteNode & { kind: 'model' }, fallback: ReadonlyArray<string>): TargetNode[] => {
    const out: TargetNode[] = [{ provider: root.provider, model: root.model, combo: undefined, comboChain: [] }];
    for (const name of fallback) {
      let node: RouteNode;
      try {
        node = resolveRoute(registry, table, name);
      } catch {
        continue;
      }
      if (node.kind === 'model') out.push({ provider: node.provider, model: node.model, combo: undefined, comboChain: [] });
      else if (node.combo.enabled) out.push(...comboTargets(registry, table, node.combo, []));
    }
    return out;
  };

  return {
    plan,

    primaryTarget(requested) {
      const registry = deps.registry();
      const table = deps.table();
      let node = resolveRoute(registry, table, requested);
      for (let depth = 0; node.kind === 'combo' && depth <= MAX_COMBO_DEPTH; depth += 1) {
        const first: ComboEntry | undefined = node.combo.entries[0];
        if (!first) break;
        node = resolveRoute(registry, table, first.model);
      }
      if (node.kind === 'combo') throw new GatewayError('model_not_found', `Combo '${requested}' leads to no model.`, { status: 404, param: 'model' });
      return { provider: node.provider, model: node.model };
    },

    started(attempt) {
      deps.counters.start(attempt.counterKeys);
    },

    finished(attempt, { error, sessionKey, aborted }) {
      deps.counters.end(attempt.counterKeys);
      if (aborted) return;
      const target = cooldownTarget(attempt.provider.id, attempt.credentials.connectionId, attempt.model);
      const now = deps.clock();
      if (!error) {
        deps.cooldowns.recordSuccess(target);
        if (sessionKey !== undefined && attempt.credentials.connectionId !== undefined) deps.affinity.set(sessionKey, attempt.provider.id, attempt.credentials.connectionId, now);
        return;
      }
      deps.cooldowns.recordFailure(target, error, now);
    },
  };
}
