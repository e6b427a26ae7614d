/**
 * Conversation → account, per provider, forgotten after a period of silence. Bounded: the oldest
 * conversation is dropped when the map is full (Map iteration order is insertion order, and a hit
 * re-inserts).
 */
export interface SessionAffinity {
  get(sessionKey: string, providerId: string, now: number): string | undefined;
  set(sessionKey: string, providerId: string, connectionId: string, now: number): void;
  size(): number;
}

export function createSessionAffinity(options: { ttlMs: () => number; maxEntries?: number }): SessionAffinity {
  const maxEntries = options.maxEntries ?? 20_000;
  const entries = new Map<string, { connectionId: string; seenAt: number }>();
  const keyOf = (sessionKey: string, providerId: string) => `${providerId}\u0000${sessionKey}`;
  return {
    get(sessionKey, providerId, now) {
      const key = keyOf(sessionKey, providerId);
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (now - entry.seenAt > options.ttlMs()) {
        entries.delete(key);
        return undefined;
      }
      return entry.connectionId;
    },
    set(sessionKey, providerId, connectionId, now) {
      const key = keyOf(sessionKey, providerId);
      entries.delete(key);
      entries.set(key, { connectionId, seenAt: now });
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
    size: () => entries.size,
  };
}
