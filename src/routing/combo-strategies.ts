import type { ComboStrategy } from '../config/config-file-schema.js';
import { powerOfTwoOrder, rotated, shuffled, sortedBy, weightedOrder, type Random } from './ordering.js';
import type { RoutingCounters } from './routing-counters.js';
import type { ComboEntry } from './routing-table.js';

export interface ComboOrderDeps {
  random: Random;
  counters: RoutingCounters;
  /** Counter key of an entry (its resolved target), shared with account bookkeeping. */
  keyOf(entry: ComboEntry): string;
  /** Blended USD per million tokens; undefined when unpriced. */
  priceOf(entry: ComboEntry): number | undefined;
}

/** The order in which a combo's entries are tried for one request. */
export function orderComboEntries(comboName: string, strategy: ComboStrategy, entries: ReadonlyArray<ComboEntry>, deps: ComboOrderDeps): ComboEntry[] {
  if (entries.length < 2) return [...entries];
  switch (strategy) {
    case 'priority':
      return [...entries];
    case 'weighted':
      return weightedOrder(entries, (entry) => entry.weight, deps.random);
    case 'round-robin':
      return rotated(entries, deps.counters.nextCursor(`combo:${comboName}`));
    case 'random':
      return shuffled(entries, deps.random);
    case 'least-used':
      return sortedBy(entries, (entry) => deps.counters.served(deps.keyOf(entry)));
    case 'cost-optimized':
      return sortedBy(entries, (entry) => deps.priceOf(entry));
    case 'p2c':
      return powerOfTwoOrder(entries, (entry) => deps.counters.inFlight(deps.keyOf(entry)), deps.random);
  }
}
