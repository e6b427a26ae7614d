import { GatewayError } from '../errors/gateway-error.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import { resolveRoute } from './resolve-route.js';
import type { ComboDefinition, RoutingTable } from './routing-table.js';

/** Combos inside combos inside combos…: deeper than this is refused (and never expanded). */
export const MAX_COMBO_DEPTH = 4;

/**
 * Problems with the combo graph, one sentence each, naming the combo and entry: entries that
 * resolve to nothing, cycles, and nesting deeper than MAX_COMBO_DEPTH. Run when combos or aliases
 * change (config import, admin API) so a bad graph is refused before a request meets it.
 */
export function checkCombos(registry: ProviderRegistry, table: RoutingTable): string[] {
  const problems: string[] = [];
  const depthOf = new Map<string, number>();

  const visit = (combo: ComboDefinition, path: string[]): number => {
    const known = depthOf.get(combo.name);
    if (known !== undefined) return known;
    let depth = 1;
    for (const [index, entry] of combo.entries.entries()) {
      let node;
      try {
        node = resolveRoute(registry, table, entry.model);
      } catch (error) {
        // A disabled nested combo is skipped at run time, not an error.
        if (table.combo(entry.model)?.enabled === false) continue;
        const reason = error instanceof GatewayError ? error.message : String(error);
        problems.push(`combo '${combo.name}' models[${index}] '${entry.model}': ${reason}`);
        continue;
      }
      if (node.kind !== 'combo') continue;
      if (path.includes(node.combo.name)) {
        problems.push(`combo '${combo.name}' models[${index}] '${entry.model}' forms a cycle: ${[...path, node.combo.name].join(' → ')}`);
        continue;
      }
      depth = Math.max(depth, 1 + visit(node.combo, [...path, node.combo.name]));
    }
    depthOf.set(combo.name, depth);
    if (depth > MAX_COMBO_DEPTH && path.length === 1) problems.push(`combo '${combo.name}' nests combos ${depth} levels deep; the limit is ${MAX_COMBO_DEPTH}`);
    return depth;
  };

  for (const combo of table.combos()) visit(combo, [combo.name]);
  return [...new Set(problems)];
}
