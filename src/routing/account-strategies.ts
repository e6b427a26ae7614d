import type { AccountStrategy } from '../config/config-file-schema.js';
import type { ConnectionRecord } from '../store/repositories/connection-repository.js';
import { powerOfTwoOrder, rotated, shuffled, sortedBy, type Random } from './ordering.js';
import type { RoutingCounters } from './routing-counters.js';

export interface AccountOrderDeps {
  random: Random;
  counters: RoutingCounters;
  stickyLimit: number;
}

export const accountKey = (connectionId: string): string => `acct:${connectionId}`;

/**
 * The order in which a provider's accounts are tried, for one request. `accounts` arrive in
 * priority order (fill-first), healthy ones only; cooling accounts are appended by the caller.
 */
export function orderAccounts(providerId: string, strategy: AccountStrategy, accounts: ReadonlyArray<ConnectionRecord>, deps: AccountOrderDeps): ConnectionRecord[] {
  if (accounts.length < 2) return [...accounts];
  switch (strategy) {
    case 'fill-first':
      return [...accounts];
    case 'round-robin':
      return rotated(accounts, deps.counters.stickyTurn(`accounts:${providerId}`, accounts.length, deps.stickyLimit));
    case 'random':
      return shuffled(accounts, deps.random);
    case 'least-used':
      return sortedBy(accounts, (account) => deps.counters.served(accountKey(account.id)));
    case 'cost-optimized':
      return sortedBy(accounts, (account) => account.costFactor);
    case 'p2c':
      return powerOfTwoOrder(accounts, (account) => deps.counters.inFlight(accountKey(account.id)), deps.random);
  }
}
