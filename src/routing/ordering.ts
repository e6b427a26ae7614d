/**
 * The orderings the combo and account strategies are built from. Pure: randomness comes in as a
 * function so tests can fix it.
 */

export type Random = () => number;

export function shuffled<T>(items: ReadonlyArray<T>, random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Weighted sampling without replacement: the first pick follows the weights, then the rest. */
export function weightedOrder<T>(items: ReadonlyArray<T>, weightOf: (item: T) => number, random: Random): T[] {
  const pool = items.map((item) => ({ item, weight: Math.max(0, weightOf(item)) }));
  const out: T[] = [];
  while (pool.length > 0) {
    const total = pool.reduce((sum, p) => sum + p.weight, 0);
    let index = 0;
    if (total > 0) {
      let point = random() * total;
      index = pool.findIndex((p) => (point -= p.weight) < 0);
      if (index < 0) index = pool.length - 1;
    }
    out.push(pool[index]!.item);
    pool.splice(index, 1);
  }
  return out;
}

/** Starts at `start` and wraps around. */
export function rotated<T>(items: ReadonlyArray<T>, start: number): T[] {
  if (items.length === 0) return [];
  const at = ((start % items.length) + items.length) % items.length;
  return [...items.slice(at), ...items.slice(0, at)];
}

/** Stable sort by a numeric key, undefined keys last. */
export function sortedBy<T>(items: ReadonlyArray<T>, key: (item: T) => number | undefined): T[] {
  return items
    .map((item, index) => ({ item, index, value: key(item) }))
    .sort((a, b) => {
      if (a.value === undefined || b.value === undefined) return a.value === b.value ? a.index - b.index : a.value === undefined ? 1 : -1;
      return a.value - b.value || a.index - b.index;
    })
    .map((entry) => entry.item);
}

/**
 * Power of two choices: two distinct random candidates, the less loaded first; the others keep
 * their order behind it. Avoids the herd that "always the least loaded" causes across instances.
 */
export function powerOfTwoOrder<T>(items: ReadonlyArray<T>, loadOf: (item: T) => number, random: Random): T[] {
  if (items.length < 2) return [...items];
  const a = Math.floor(random() * items.length);
  let b = Math.floor(random() * (items.length - 1));
  if (b >= a) b += 1;
  const first = loadOf(items[b]!) < loadOf(items[a]!) ? b : a;
  return [items[first]!, ...items.filter((_, index) => index !== first)];
}
