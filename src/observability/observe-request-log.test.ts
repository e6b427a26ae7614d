import { describe, expect, it } from 'vitest';
import type { RequestLogRow } from '../store/repositories/request-log-repository.js';
import { makeLog } from '../usage/test-support/make-log.js';
import type { RequestLogWriter } from '../usage/request-log-writer.js';
import { observeRequestLog } from './observe-request-log.js';

describe('observeRequestLog', () => {
  it('shows each row to every observer, then records it even when an observer throws', () => {
    const recorded: RequestLogRow[] = [];
    const writer: RequestLogWriter = { record: (row) => void recorded.push(row), flush: async () => {}, close: async () => {}, pending: () => 0 };
    const seen: string[] = [];
    const errors: unknown[] = [];
    const wrapped = observeRequestLog(writer, [(row) => seen.push(row.id), () => { throw new Error('boom'); }], (error) => errors.push(error));
    wrapped.record(makeLog(1));
    expect(seen).toEqual(['req_000001']);
    expect(recorded.map((r) => r.id)).toEqual(['req_000001']);
    expect(errors).toHaveLength(1);
    expect(observeRequestLog(writer, [], () => {})).toBe(writer);
  });
});
