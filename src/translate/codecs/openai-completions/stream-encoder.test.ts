import { describe, expect, it } from 'vitest';
import type { CanonicalStreamEvent } from '../../canonical/index.js';
import type { SseEvent } from '../../codec.js';
import { createStreamEncoder } from './stream-encoder.js';

const OPENING: CanonicalStreamEvent[] = [
  { type: 'message_start', id: 'chatcmpl-9', model: 'upstream-model', created: 1700000000 },
  { type: 'reasoning_delta', index: 0, text: 'hmm' },
  { type: 'text_start', index: 1 },
  { type: 'text_delta', index: 1, text: 'Hel' },
  { type: 'text_delta', index: 1, text: '' },
  { type: 'text_delta', index: 1, text: 'lo' },
  { type: 'block_stop', index: 1 },
  { type: 'usage', usage: { inputTokens: 3, outputTokens: 2 } },
];

function run(events: CanonicalStreamEvent[], options = { includeUsage: false, model: 'mock/m' }, complete = true): SseEvent[] {
  const encoder = createStreamEncoder(options);
  return [...events.flatMap((event) => encoder.push(event)), ...encoder.end(complete)];
}

function payloads(events: SseEvent[]): Array<Record<string, any>> {
  return events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data) as Record<string, any>);
}

describe('openai-completions stream encoder', () => {
  it('sends one text_completion chunk per text delta, then the finish reason and [DONE]', () => {
    const out = run([...OPENING, { type: 'message_stop', stopReason: 'max_tokens' }]);
    expect(out.at(-1)).toEqual({ data: '[DONE]' });
    const chunks = payloads(out);
    for (const chunk of chunks) expect(chunk).toMatchObject({ id: 'chatcmpl-9', object: 'text_completion', created: 1700000000, model: 'mock/m' });
    expect(chunks.map((c) => c.choices)).toEqual([
      [{ text: 'Hel', index: 0, logprobs: null, finish_reason: null }],
      [{ text: 'lo', index: 0, logprobs: null, finish_reason: null }],
      [{ text: '', index: 0, logprobs: null, finish_reason: 'length' }],
    ]);
  });

  it('adds a usage chunk with no choices only when the client asked for it', () => {
    const stop: CanonicalStreamEvent = { type: 'message_stop', stopReason: 'end_turn' };
    expect(payloads(run([...OPENING, stop])).some((c) => 'usage' in c)).toBe(false);
    const withUsage = payloads(run([...OPENING, stop], { includeUsage: true, model: 'mock/m' }));
    expect(withUsage.at(-1)).toMatchObject({ object: 'text_completion', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } });
    expect(withUsage.at(-2)!.choices[0].finish_reason).toBe('stop');
  });

  it('ends a failed stream with an OpenAI error chunk and no [DONE]', () => {
    const out = run([...OPENING, { type: 'error', error: { kind: 'overloaded', status: 529, message: 'busy' } }, { type: 'message_stop', stopReason: 'end_turn' }]);
    expect(out).not.toContainEqual({ data: '[DONE]' });
    expect(payloads(out).at(-1)).toEqual({ error: { message: 'busy', type: 'server_error', param: null, code: null } });
  });

  it('writes no [DONE] when the stream broke before its stop', () => {
    expect(run(OPENING, undefined, false)).not.toContainEqual({ data: '[DONE]' });
    expect(run([...OPENING, { type: 'message_stop', stopReason: 'end_turn' }], undefined, false)).not.toContainEqual({ data: '[DONE]' });
  });

  it('makes up an id and time when the upstream sent none', () => {
    const [chunk] = payloads(run([{ type: 'text_delta', index: 0, text: 'x' }]));
    expect(chunk!.id).toMatch(/^cmpl-[0-9a-f]{32}$/);
    expect(chunk!.created).toBeGreaterThan(1700000000);
  });
});
