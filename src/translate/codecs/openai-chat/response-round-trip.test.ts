import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../canonical/index.js';
import { decodeResponse } from './decode-response.js';
import { encodeResponse } from './encode-response.js';
import { openAiSchemaErrors } from './test-support/openai-schema.js';

const BASE: CanonicalResponse = {
  id: 'chatcmpl-1',
  model: 'gpt-4o',
  created: 1_700_000_000,
  content: [
    { type: 'reasoning', text: 'Let me think.' },
    { type: 'text', text: 'Calling tools.' },
    { type: 'tool_call', id: 'call_a', name: 'f', arguments: '{"a":1}' },
    { type: 'tool_call', id: 'call_b', name: 'g', arguments: '{}' },
  ],
  stopReason: 'tool_use',
  usage: { inputTokens: 100, outputTokens: 50, cachedInputTokens: 40, reasoningTokens: 20 },
};

describe('response encode/decode', () => {
  it('round-trips a response through a spec-valid chat.completion', () => {
    const body = encodeResponse(BASE);
    expect(openAiSchemaErrors('CreateChatCompletionResponse', body)).toEqual([]);
    expect(body).toMatchObject({
      object: 'chat.completion',
      choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', reasoning_content: 'Let me think.' } }],
      usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150, prompt_tokens_details: { cached_tokens: 40 } },
    });
    expect(decodeResponse(body)).toEqual(BASE);
  });

  it('maps every stop reason to a finish_reason the spec allows', () => {
    const expected = { end_turn: 'stop', max_tokens: 'length', stop_sequence: 'stop', content_filter: 'content_filter', pause_turn: 'stop', error: 'stop', other: 'stop' } as const;
    for (const [stopReason, finish] of Object.entries(expected)) {
      const body = encodeResponse({ ...BASE, content: [{ type: 'text', text: 'x' }], stopReason: stopReason as CanonicalResponse['stopReason'] });
      expect((body.choices as Array<{ finish_reason: string }>)[0]?.finish_reason).toBe(finish);
    }
  });

  it('keeps reasoning text but drops foreign opaque state and cache-write tokens', () => {
    const foreign: CanonicalResponse = {
      ...BASE,
      content: [
        { type: 'reasoning', text: 'signed thought', opaque: { origin: 'anthropic-messages', signature: 'SIG123' } },
        { type: 'reasoning', text: '', redacted: true, opaque: { origin: 'anthropic-messages', redactedData: 'REDACTED' } },
        { type: 'text', text: 'Hi' },
      ],
      stopReason: 'end_turn',
      usage: { inputTokens: 10, outputTokens: 5, cacheWriteTokens: 7 },
    };
    const body = encodeResponse(foreign);
    expect(JSON.stringify(body)).not.toMatch(/SIG123|REDACTED|cache_write/);
    expect(decodeResponse(body)).toEqual({
      ...foreign,
      content: [
        { type: 'reasoning', text: 'signed thought' },
        { type: 'text', text: 'Hi' },
      ],
      usage: { inputTokens: 10, outputTokens: 5 },
    });
  });

  it('round-trips a refusal through the refusal field', () => {
    const refusal: CanonicalResponse = { ...BASE, content: [{ type: 'text', text: 'I cannot help.' }], stopReason: 'refusal', usage: undefined };
    delete refusal.usage;
    const body = encodeResponse(refusal);
    expect(body).toMatchObject({ choices: [{ message: { content: null, refusal: 'I cannot help.' }, finish_reason: 'stop' }] });
    expect(decodeResponse(body)).toEqual(refusal);
  });

  it('normalises vendor reasoning fields and inline think tags', () => {
    const withReasoning = (message: Record<string, unknown>) =>
      decodeResponse({ id: 'x', model: 'm', created: 1, choices: [{ index: 0, message, finish_reason: 'stop' }] }).content;
    expect(withReasoning({ content: 'A', reasoning: 'R' })).toEqual([{ type: 'reasoning', text: 'R' }, { type: 'text', text: 'A' }]);
    expect(
      withReasoning({ content: 'A', reasoning_details: [{ type: 'reasoning.text', text: 'R1' }, { type: 'reasoning.encrypted', data: 'x' }] }),
    ).toEqual([{ type: 'reasoning', text: 'R1' }, { type: 'text', text: 'A' }]);
    expect(withReasoning({ content: '<think>R</think>\nA' })).toEqual([{ type: 'reasoning', text: 'R' }, { type: 'text', text: 'A' }]);
  });

  it('reports "stop" with tool calls (some compatible providers) as tool_use, and decodes legacy function_call', () => {
    const response = decodeResponse({
      id: 'x',
      model: 'm',
      created: 1,
      choices: [{ index: 0, message: { content: null, function_call: { name: 'f', arguments: '{}' } }, finish_reason: 'stop' }],
    });
    expect(response.stopReason).toBe('tool_use');
    expect(response.content).toEqual([{ type: 'tool_call', id: 'call_0', name: 'f', arguments: '{}' }]);
  });
});
