/**
 * Load and usage counters the strategies read: requests in flight and requests served per
 * account and per target, round-robin cursors. In memory, per process.
 */
export interface RoutingCounters {
  inFlight(key: string): number;
  served(key: string): number;
  start(keys: ReadonlyArray<string>): void;
  end(keys: ReadonlyArray<string>): void;
  /** Next value of a named round-robin cursor (0, 1, 2, …). */
  nextCursor(name: string): number;
  /** Round-robin with a sticky limit: the index to serve, advancing after `limit` uses. */
  stickyTurn(name: string, size: number, limit: number): number;
}

export function createRoutingCounters(): RoutingCounters {
  const inFlight = new Map<string, number>();
  const served = new Map<string, number>();
  const cursors = new Map<string, number>();
  const sticky = new Map<string, { index: number; used: number }>();
  return {
    inFlight: (key) => inFlight.get(key) ?? 0,
    served: (key) => served.get(key) ?? 0,
    start(keys) {
      for (const key of keys) {
        inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
        served.set(key, (served.get(key) ?? 0) + 1);
      }
    },
    end(keys) {
      for (const key of keys) {
        const left = (inFlight.get(key) ?? 1) - 1;
        if (left > 0) inFlight.set(key, left);
        else inFlight.delete(key);
      }
    },
    nextCursor(name) {
      const value = cursors.get(name) ?? 0;
      cursors.set(name, value + 1);
      return value;
    },
    stickyTurn(name, size, limit) {
      const state = sticky.get(name) ?? { index: 0, used: 0 };
      if (state.used >= limit) {
        state.index += 1;
        state.used = 0;
      }
      state.used += 1;
      sticky.set(name, state);
      return state.index % size;
    },
  };
}
