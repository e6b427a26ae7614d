import { describe, expect, it } from 'vitest';
import { createJsonArrayStreamEncoder, createJsonArrayStreamParser } from './index.js';

describe('JSON-array stream form', () => {
  it('parser: braces and escaped quotes inside strings do not end an element', () => {
    const parser = createJsonArrayStreamParser();
    expect(parser.push('[{"text":"a}\\"{"')).toEqual([]);
    expect(parser.push('}\r\n,\r\n{"b":[1,{"c":"]"}]}')).toEqual([{ text: 'a}"{' }, { b: [1, { c: ']' }] }]);
    expect(parser.end()).toBe(false);
    expect(parser.push(']')).toEqual([]);
    expect(parser.end()).toBe(true);
  });

  it('encoder: writes a parseable array when complete, leaves it open when broken', () => {
    const complete = createJsonArrayStreamEncoder({ includeUsage: true, model: 'm' });
    let body = complete.push({ type: 'message_start', id: 'r', model: 'm', created: 0 });
    body += complete.push({ type: 'text_delta', index: 0, text: 'Hi' });
    body += complete.push({ type: 'message_stop', stopReason: 'end_turn' });
    body += complete.end(true);
    const parsed = JSON.parse(body) as Array<{ candidates: Array<{ finishReason?: string }> }>;
    expect(parsed).toHaveLength(2);
    expect(parsed[1]?.candidates[0]?.finishReason).toBe('STOP');

    const broken = createJsonArrayStreamEncoder({ includeUsage: true, model: 'm' });
    let partial = broken.push({ type: 'text_delta', index: 0, text: 'Hi' });
    partial += broken.error({ kind: 'overloaded', status: 503, message: 'gone' });
    partial += broken.end(false);
    expect(() => JSON.parse(partial)).toThrow();
    expect(JSON.parse(`${partial}]`)[1]).toEqual({ error: { code: 503, message: 'gone', status: 'UNAVAILABLE' } });
  });
});
