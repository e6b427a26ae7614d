import { describe, expect, it } from 'vitest';
import type { RequestBodyRecord } from '../store/repositories/request-body-repository.js';
import { createBodyCapture } from './body-capture.js';

describe('body capture', () => {
  it('redacts, caps and writes in one batch on flush', async () => {
    const written: RequestBodyRecord[][] = [];
    const capture = createBodyCapture({ repository: { insertMany: async (rows) => void written.push([...rows]) }, maxBodyBytes: 300, flushIntervalMs: 60_000, now: () => 42, onError: () => {} });
    capture.capture('r1', { request: { apiKey: 'sk-abcdefghijkl', prompt: 'hello world '.repeat(100) }, response: { ok: true } });
    capture.capture('r2', { request: 'plain' });
    expect(written).toEqual([]);
    await capture.close();
    expect(written).toHaveLength(1);
    const [first, second] = written[0]!;
    expect(first).toMatchObject({ requestId: 'r1', createdAt: 42, requestTruncated: true, response: '{"ok":true}', responseTruncated: false });
    expect(first!.request).not.toContain('sk-abcdefghijkl');
    expect(Buffer.byteLength(first!.request!)).toBeLessThanOrEqual(300);
    expect(second).toMatchObject({ requestId: 'r2', request: 'plain', response: null });
  });

  it('keeps rows after a failed write and drops the oldest beyond the bound', async () => {
    let fail = true;
    const written: string[] = [];
    const errors: number[] = [];
    const capture = createBodyCapture({
      repository: {
        insertMany: async (rows) => {
          if (fail) throw new Error('db down');
          written.push(...rows.map((r) => r.requestId));
        },
      },
      maxBodyBytes: 100,
      flushIntervalMs: 60_000,
      maxQueued: 2,
      onError: (_error, dropped) => errors.push(dropped),
    });
    capture.capture('a', {});
    capture.capture('b', {});
    await capture.flush();
    capture.capture('c', {});
    expect(capture.pending()).toBe(3);
    // The next failed write trims the queue back to its bound, oldest first, and says how many went.
    await capture.flush();
    expect(capture.pending()).toBe(2);
    fail = false;
    await capture.close();
    expect(written).toEqual(['b', 'c']);
    expect(errors).toEqual([0, 1]);
  });
});
