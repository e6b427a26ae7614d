import type { ComboStrategy } from '../config/config-file-schema.js';
import { compileGlob, isGlob, substituteCaptures } from './glob-pattern.js';

export interface ComboEntry {
  /** A `prefix/model`, an alias or another combo's name. */
  model: string;
  weight: number;
}

export interface ComboDefinition {
  name: string;
  strategy: ComboStrategy;
  entries: ComboEntry[];
  enabled: boolean;
  /** Undefined: follow settings.routing.sessionAffinity. */
  sessionAffinity: boolean | undefined;
  retries: number;
  timeoutMs: number | undefined;
  maxAttempts: number | undefined;
}

export interface AliasDefinition {
  pattern: string;
  target: string;
}

interface CompiledAlias {
  alias: AliasDefinition;
  regex: RegExp;
}

/**
 * Combos and aliases as the hot path reads them: an immutable snapshot rebuilt when the store
 * changes, like the provider registry.
 */
export interface RoutingTable {
  combo(name: string): ComboDefinition | undefined;
  combos(): ComboDefinition[];
  aliases(): AliasDefinition[];
  /** Resolution step 2. */
  exactAlias(name: string): string | undefined;
  /** Resolution step 3: wildcard aliases, first match in declaration order. */
  wildcardAlias(name: string): string | undefined;
  /** Resolution step 5: `provider/*` routes (patterns of the form `<word>/*`). */
  providerRoute(name: string): string | undefined;
}

/** `oai/*`: a whole provider namespace routed elsewhere; tried only after real provider prefixes. */
const PROVIDER_ROUTE = /^[^/*?]+\/\*$/;

function matchFirst(list: ReadonlyArray<CompiledAlias>, name: string): string | undefined {
  for (const { alias, regex } of list) {
    const match = regex.exec(name);
    if (match) return substituteCaptures(alias.target, match.slice(1));
  }
  return undefined;
}

export function createRoutingTable(input: { combos: ComboDefinition[]; aliases: AliasDefinition[] }): RoutingTable {
  const combos = new Map(input.combos.map((combo) => [combo.name, combo]));
  const exact = new Map<string, string>();
  const wildcard: CompiledAlias[] = [];
  const providerRoutes: CompiledAlias[] = [];
  for (const alias of input.aliases) {
    if (!isGlob(alias.pattern)) exact.set(alias.pattern, alias.target);
    else (PROVIDER_ROUTE.test(alias.pattern) ? providerRoutes : wildcard).push({ alias, regex: compileGlob(alias.pattern) });
  }
  return {
    combo: (name) => combos.get(name),
    combos: () => input.combos,
    aliases: () => input.aliases,
    exactAlias: (name) => exact.get(name),
    wildcardAlias: (name) => (wildcard.length === 0 ? undefined : matchFirst(wildcard, name)),
    providerRoute: (name) => (providerRoutes.length === 0 ? undefined : matchFirst(providerRoutes, name)),
  };
}

export const EMPTY_ROUTING_TABLE = createRoutingTable({ combos: [], aliases: [] });
