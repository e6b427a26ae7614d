import { describe, expect, it } from 'vitest';
import { createBatchWriter } from './request-log-writer.js';

/** A store that refuses what `refuse` says: a row it will never accept, or everything (an outage). */
function fakeStore() {
  const written: number[] = [];
  const state = { down: false, bad: new Set<number>() };
  return {
    written,
    state,
    async insertMany(rows: number[]) {
      if (state.down) throw new Error('database is down');
      const bad = rows.find((row) => state.bad.has(row));
      if (bad !== undefined) throw new Error(`row ${bad} violates a constraint`);
      written.push(...rows);
    },
  };
}

function writerOver(store: ReturnType<typeof fakeStore>, options: { maxBatch?: number; maxQueued?: number } = {}) {
  const errors: Array<{ message: string; dropped: number }> = [];
  const writer = createBatchWriter<number>({
    insertMany: (rows) => store.insertMany(rows),
    flushIntervalMs: 60_000,
    ...options,
    onError: (error, dropped) => errors.push({ message: (error as Error).message, dropped }),
  });
  return { writer, errors };
}

describe('batch writer', () => {
  it('writes queued rows in order, in batches of at most maxBatch', async () => {
    const store = fakeStore();
    const { writer } = writerOver(store, { maxBatch: 3 });
    for (let row = 1; row <= 7; row += 1) writer.record(row);
    await writer.flush();
    expect(store.written).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(writer.pending()).toBe(0);
    await writer.close();
  });

  it('keeps every row through an outage and writes them once the database is back', async () => {
    const store = fakeStore();
    const { writer, errors } = writerOver(store);
    store.state.down = true;
    for (let row = 1; row <= 5; row += 1) writer.record(row);
    await writer.flush();
    expect(store.written).toEqual([]);
    expect(writer.pending()).toBe(5);
    expect(errors).toEqual([{ message: 'database is down', dropped: 0 }]);
    store.state.down = false;
    await writer.flush();
    expect(store.written).toEqual([1, 2, 3, 4, 5]);
    await writer.close();
  });

  it('drops only a row the database refuses alone, and the rows behind it still go in', async () => {
    const store = fakeStore();
    const { writer, errors } = writerOver(store, { maxBatch: 4 });
    store.state.bad.add(3);
    for (let row = 1; row <= 10; row += 1) writer.record(row);
    await writer.flush();
    expect(store.written.sort((a, b) => a - b)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10]);
    expect(writer.pending()).toBe(0);
    expect(errors).toEqual([{ message: 'row 3 violates a constraint', dropped: 1 }]);
    await writer.close();
  });

  it('a refused first or last row is found too', async () => {
    const store = fakeStore();
    const { writer, errors } = writerOver(store, { maxBatch: 5 });
    store.state.bad.add(1);
    store.state.bad.add(5);
    for (let row = 1; row <= 5; row += 1) writer.record(row);
    await writer.flush();
    // Both probes refused: indistinguishable from an outage, so nothing is dropped yet.
    expect(writer.pending()).toBe(5);
    store.state.bad.delete(5);
    await writer.flush();
    expect(store.written.sort((a, b) => a - b)).toEqual([2, 3, 4, 5]);
    expect(errors.at(-1)).toEqual({ message: 'row 1 violates a constraint', dropped: 1 });
    await writer.close();
  });

  it('drops the oldest rows beyond maxQueued during a long outage, and says how many', async () => {
    const store = fakeStore();
    const { writer, errors } = writerOver(store, { maxBatch: 2, maxQueued: 3 });
    store.state.down = true;
    for (let row = 1; row <= 5; row += 1) writer.record(row);
    await writer.flush();
    expect(errors.at(-1)?.dropped).toBe(2);
    store.state.down = false;
    await writer.flush();
    expect(store.written).toEqual([3, 4, 5]);
    await writer.close();
  });
});
