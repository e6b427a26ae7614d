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
  /** Lazily ordered: later targets are only worked out if earlier ones fail. */
  attempts(): Generator<RoutedAttempt, void, undefined>;
}

export interface Router {
  plan(input: { requested: string; sessionKey: () => string | undefined }): RoutePlan;
  /** The first provider model a name leads to, without touching any strategy state (count_tokens). */
  primaryTarget(requested: string): { provider: ProviderDefinition; model: string };
  started(attempt: RoutedAttempt): void;
  finished(attempt: RoutedAttempt, result: { error?: GatewayError; sessionKey?: string | undefined }): void;
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
  /** When a connection's known quota runs out (usage tracking), epoch ms of its reset. */
  exhaustedUntil?(connectionId: string, now: number): number | undefined;
}

const targetKey = (providerId: string, model: string) => `target:${providerId}/${model}`;
const comboKey = (name: string) => `combo:${name}`;

interface Deferred {
  attempt: RoutedAttempt;
  until: number;
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
    let session: string | undefined | null = null;
    const sessionOnce = () => (session === null ? (session = sessionKey()) : session);

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

    const entryKey = (entry: ComboEntry): string => {
      const node = resolve(entry.model);
      if (node instanceof GatewayError) return `missing:${entry.model}`;
      return node.kind === 'combo' ? comboKey(node.combo.name) : targetKey(node.provider.id, node.model);
    };
    const entryPrice = (entry: ComboEntry): number | undefined => {
      const node = resolve(entry.model);
      return node instanceof GatewayError || node.kind === 'combo' ? undefined : deps.priceOf(node.provider.id, node.model);
    };

    interface TargetNode {
      provider: ProviderDefinition;
      model: string;
      combo: ComboDefinition | undefined;
      comboChain: string[];
    }

    const problems: GatewayError[] = [];

    function* expandCombo(combo: ComboDefinition, chain: string[]): Generator<TargetNode> {
      if (chain.length > MAX_COMBO_DEPTH) return;
      const ordered = orderComboEntries(combo.name, combo.strategy, combo.entries, { random: deps.random, counters: deps.counters, keyOf: entryKey, priceOf: entryPrice });
      for (const entry of ordered) {
        const node = resolve(entry.model);
        if (node instanceof GatewayError) {
          problems.push(node);
          continue;
        }
        if (node.kind === 'combo') {
          if (node.combo.enabled && !chain.includes(node.combo.name)) yield* expandCombo(node.combo, [...chain, node.combo.name]);
          continue;
        }
        yield { provider: node.provider, model: node.model, combo, comboChain: chain };
      }
    }

    function* targets(): Generator<TargetNode> {
      if (root.kind === 'combo') {
        yield* expandCombo(root.combo, [root.combo.name]);
        return;
      }
      yield { provider: root.provider, model: root.model, combo: undefined, comboChain: [] };
      // The global fallback chain backs up single models only: a combo is its own fallback chain.
      for (const name of settings.fallback) {
        const node = resolve(name);
        if (node instanceof GatewayError) continue;
        if (node.kind === 'combo') {
          if (node.combo.enabled) yield* expandCombo(node.combo, [node.combo.name]);
        } else yield { provider: node.provider, model: node.model, combo: undefined, comboChain: [] };
      }
    }

    const makeAttempt = (target: TargetNode, credentials: UpstreamCredentials, lastResort: boolean): RoutedAttempt => ({
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
    });

    function* attempts(): Generator<RoutedAttempt, void, undefined> {
      const now = deps.clock();
      const seen = new Set<string>();
      const deferred: Deferred[] = [];
      let yielded = 0;

      for (const target of targets()) {
        const connections = registry.connectionsOf(target.provider.id);
        if (connections.length === 0) {
          if (target.provider.authType !== 'none') {
            problems.push(providerNotConfigured(target.provider.id));
            continue;
          }
          const key = `${target.provider.id}/${target.model}/`;
          if (seen.has(key)) continue;
          seen.add(key);
          const cooling = deps.cooldowns.active(cooldownTarget(target.provider.id, undefined, target.model), now);
          const attempt = makeAttempt(target, ANONYMOUS_CREDENTIALS, cooling !== undefined);
          if (cooling) deferred.push({ attempt, until: cooling.until });
          else {
            yielded += 1;
            yield attempt;
          }
          continue;
        }

        const healthy: ConnectionRecord[] = [];
        for (const connection of connections) {
          const key = `${target.provider.id}/${target.model}/${connection.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const exhausted = deps.exhaustedUntil?.(connection.id, now);
          const until = exhausted !== undefined && exhausted > now ? exhausted : deps.cooldowns.active(cooldownTarget(target.provider.id, connection.id, target.model), now)?.until;
          if (until === undefined) healthy.push(connection);
          else deferred.push({ attempt: makeAttempt(target, credentialsOf(connection), true), until });
        }
        if (healthy.length === 0) continue;

        let ordered: ConnectionRecord[];
        const pinnedId = affinityOn && healthy.length > 1 ? sessionOnceKey() : undefined;
        const pinned = pinnedId === undefined ? undefined : healthy.find((c) => c.id === pinnedId);
        if (pinned) {
          // Inside a conversation the account stays put; rotation happens between conversations.
          ordered = [pinned, ...healthy.filter((c) => c !== pinned)];
        } else {
          const own = providerRoutingSettings(settings, target.provider.id);
          ordered = orderAccounts(target.provider.id, own.accountStrategy, healthy, { random: deps.random, counters: deps.counters, stickyLimit: own.stickyLimit });
        }
        for (const connection of ordered) {
          yielded += 1;
          yield makeAttempt(target, credentialsOf(connection), false);
        }

        function sessionOnceKey(): string | undefined {
          const key = sessionOnce();
          return key === undefined ? undefined : deps.affinity.get(key, target.provider.id, now);
        }
      }

      // Cooldowns steer, they never refuse: once every healthy target has failed (or none was
      // healthy), the resting ones are tried too, soonest to recover first, so the client gets the
      // provider's own answer rather than a gateway-made one.
      for (const { attempt } of deferred.sort((a, b) => a.until - b.until)) {
        yielded += 1;
        yield attempt;
      }
      if (yielded > 0) return;
      const first = problems[0];
      if (first) throw first;
      throw new GatewayError('no_target_available', `No target is available for '${requested}'.`, { status: 503 });
    }

    return { combo: rootCombo?.name, maxAttempts: rootCombo?.maxAttempts ?? settings.maxAttempts, attempts };
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

    finished(attempt, { error, sessionKey }) {
      deps.counters.end(attempt.counterKeys);
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
