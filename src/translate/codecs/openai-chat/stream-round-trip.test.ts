import { describe, expect, it } from 'vitest';
import type { CanonicalStreamEvent } from '../../canonical/index.js';
import type { SseEvent } from '../../codec.js';
import { openAiSchemaErrors } from './test-support/openai-schema.js';
import { createStreamDecoder } from './stream-decoder.js';
import { createStreamEncoder } from './stream-encoder.js';

const USAGE = { inputTokens: 30, outputTokens: 12, cachedInputTokens: 10, reasoningTokens: 4 };

const EVENTS: CanonicalStreamEvent[] = [
  { type: 'message_start', id: 'chatcmpl-x', model: 'gpt-4o', created: 1_700_000_000 },
  { type: 'reasoning_start', index: 0 },
  { type: 'reasoning_delta', index: 0, text: 'Think ' },
  { type: 'reasoning_delta', index: 0, text: 'hard.' },
  { type: 'block_stop', index: 0 },
  { type: 'text_start', index: 1 },
  { type: 'text_delta', index: 1, text: 'Hello' },
  { type: 'text_delta', index: 1, text: ' there' },
  { type: 'block_stop', index: 1 },
  { type: 'tool_call_start', index: 2, toolIndex: 0, id: 'call_a', name: 'f' },
  { type: 'tool_call_delta', index: 2, toolIndex: 0, argumentsDelta: '{"a"' },
  { type: 'tool_call_delta', index: 2, toolIndex: 0, argumentsDelta: ':1}' },
  { type: 'block_stop', index: 2 },
  { type: 'tool_call_start', index: 3, toolIndex: 1, id: 'call_b', name: 'g' },
  { type: 'tool_call_delta', index: 3, toolIndex: 1, argumentsDelta: '{}' },
  { type: 'block_stop', index: 3 },
  { type: 'usage', usage: USAGE },
  { type: 'message_stop', stopReason: 'tool_use', usage: USAGE },
];

function encodeAll(events: CanonicalStreamEvent[], includeUsage: boolean, complete = true): SseEvent[] {
  const encoder = createStreamEncoder({ includeUsage, model: 'gpt-4o' });
  return [...events.flatMap((event) => encoder.push(event)), ...encoder.end(complete)];
}

function decodeAll(events: SseEvent[]): CanonicalStreamEvent[] {
  const decoder = createStreamDecoder();
  return [...events.flatMap((event) => decoder.push(event)), ...decoder.end()];
}

const payloads = (events: SseEvent[]) => events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data) as Record<string, any>);

describe('stream encoder', () => {
  it('round-trips canonical events through spec-valid chunks', () => {
    const sse = encodeAll(EVENTS, true);
    for (const payload of payloads(sse)) expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', payload)).toEqual([]);
    expect(sse.at(-1)).toEqual({ data: '[DONE]' });
    expect(decodeAll(sse)).toEqual(EVENTS);
  });

  it('drops foreign opaque state from reasoning and tool calls', () => {
    const withOpaque = EVENTS.map((event): CanonicalStreamEvent => {
      if (event.type === 'reasoning_start') return { ...event, opaque: { origin: 'anthropic-messages', signature: 'SIG' } };
      if (event.type === 'tool_call_start') return { ...event, opaque: { origin: 'gemini', thoughtSignature: 'GSIG' } };
      return event;
    });
    withOpaque.splice(4, 0, { type: 'reasoning_opaque', index: 0, opaque: { origin: 'anthropic-messages', signature: 'SIG2' } });
    const sse = encodeAll(withOpaque, true);
    expect(JSON.stringify(sse)).not.toMatch(/SIG|GSIG/);
    expect(decodeAll(sse)).toEqual(EVENTS);
  });

  it('emits every delta at once, with index on every tool fragment and id/type/name on the first', () => {
    const encoder = createStreamEncoder({ includeUsage: false, model: 'client-model' });
    const first = encoder.push(EVENTS[0]!);
    expect(payloads(first)[0]?.choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(payloads(first)[0]?.model).toBe('client-model');
    const text = encoder.push({ type: 'text_delta', index: 1, text: 'Hel' });
    expect(payloads(text).map((p) => p.choices[0].delta)).toEqual([{ content: 'Hel' }]);
    const start = encoder.push({ type: 'tool_call_start', index: 2, toolIndex: 0, id: 'call_a', name: 'f' });
    expect(payloads(start)[0]?.choices[0].delta).toEqual({
      tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }],
    });
    const args = encoder.push({ type: 'tool_call_delta', index: 2, toolIndex: 0, argumentsDelta: '{"' });
    expect(payloads(args)[0]?.choices[0].delta).toEqual({ tool_calls: [{ index: 0, function: { arguments: '{"' } }] });
  });

  it('sends the usage chunk only when the client asked, after the finish chunk', () => {
    const withUsage = payloads(encodeAll(EVENTS, true));
    expect(withUsage.at(-2)?.choices[0].finish_reason).toBe('tool_calls');
    expect(withUsage.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 } });
    const without = payloads(encodeAll(EVENTS, false));
    expect(without.some((p) => p.usage !== undefined)).toBe(false);
    expect(without.at(-1)?.choices[0].finish_reason).toBe('tool_calls');
  });

  it('does not send [DONE] when the stream broke or failed', () => {
    const partial = EVENTS.slice(0, 8);
    expect(encodeAll(partial, true, false).some((e) => e.data === '[DONE]')).toBe(false);
    const failed = encodeAll([...partial, { type: 'error', error: { kind: 'overloaded', status: 529, message: 'busy' } }], true, true);
    expect(failed.some((e) => e.data === '[DONE]')).toBe(false);
    expect(payloads(failed).at(-1)).toEqual({ error: { message: 'busy', type: 'server_error', param: null, code: null } });
  });

  it('opens the stream itself when the first event is not message_start', () => {
    const sse = encodeAll([{ type: 'text_delta', index: 0, text: 'x' }, { type: 'message_stop', stopReason: 'end_turn' }], false);
    const chunks = payloads(sse);
    expect(chunks[0]?.choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks[0]?.id).toMatch(/^chatcmpl-/);
  });
});

describe('stream decoder', () => {
  const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}, finish: string | null = null): SseEvent => ({
    data: JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }], ...extra }),
  });

  it('starts a tool call whose name arrives after its first fragment, keeping early arguments', () => {
    const events = decodeAll([
      chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { arguments: '{"x"' } }] }),
      chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: ':1' } }] }),
      chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '}' } }] }),
      chunk({}, {}, 'tool_calls'),
      { data: '[DONE]' },
    ]);
    expect(events.slice(1)).toEqual([
      { type: 'tool_call_start', index: 0, toolIndex: 0, id: 'call_1', name: 'f' },
      { type: 'tool_call_delta', index: 0, toolIndex: 0, argumentsDelta: '{"x":1' },
      { type: 'tool_call_delta', index: 0, toolIndex: 0, argumentsDelta: '}' },
      { type: 'block_stop', index: 0 },
      { type: 'message_stop', stopReason: 'tool_use' },
    ]);
  });

  it('reads usage from the last chunk with choices and does not double OpenRouter reasoning fields', () => {
    const events = decodeAll([
      chunk({ reasoning: 'R', reasoning_details: [{ type: 'reasoning.text', text: 'R' }] }),
      chunk({ content: 'A' }, { usage: { prompt_tokens: 3, completion_tokens: 2, prompt_cache_hit_tokens: 1 } }, 'stop'),
      { data: '[DONE]' },
    ]);
    const usage = { inputTokens: 3, outputTokens: 2, cachedInputTokens: 1 };
    expect(events.slice(1)).toEqual([
      { type: 'reasoning_start', index: 0 },
      { type: 'reasoning_delta', index: 0, text: 'R' },
      { type: 'block_stop', index: 0 },
      { type: 'text_start', index: 1 },
      { type: 'text_delta', index: 1, text: 'A' },
      { type: 'block_stop', index: 1 },
      { type: 'usage', usage },
      { type: 'message_stop', stopReason: 'end_turn', usage },
    ]);
  });

  it('completes on a finish without [DONE], but leaves a cut stream without message_stop', () => {
    const finished = decodeAll([chunk({ content: 'A' }), chunk({}, {}, 'length')]);
    expect(finished.at(-1)).toEqual({ type: 'message_stop', stopReason: 'max_tokens' });
    const cut = decodeAll([chunk({ content: 'A' })]);
    expect(cut.some((event) => event.type === 'message_stop')).toBe(false);
    expect(cut.at(-1)).toEqual({ type: 'block_stop', index: 0 });
  });

  it('turns an in-stream error chunk into a canonical error and stops', () => {
    const decoder = createStreamDecoder();
    decoder.push(chunk({ content: 'A' }));
    const events = decoder.push({ data: JSON.stringify({ error: { message: 'quota gone', code: 'insufficient_quota', type: 'insufficient_quota' } }) });
    expect(events).toEqual([{ type: 'error', error: { kind: 'quota_exhausted', status: 500, message: 'quota gone', code: 'insufficient_quota' } }]);
    expect(decoder.push(chunk({ content: 'B' }))).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });

  it('decodes legacy function_call deltas and rejects malformed chunks with a TranslationError', () => {
    const events = decodeAll([chunk({ function_call: { name: 'f', arguments: '' } }), chunk({ function_call: { arguments: '{}' } }), chunk({}, {}, 'function_call')]);
    expect(events[1]).toEqual({ type: 'tool_call_start', index: 0, toolIndex: 0, id: 'call_0', name: 'f' });
    expect(events.at(-1)).toEqual({ type: 'message_stop', stopReason: 'tool_use' });
    expect(() => createStreamDecoder().push({ data: '{not json' })).toThrowError(expect.objectContaining({ name: 'TranslationError' }));
  });
});
