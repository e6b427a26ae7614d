import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../canonical/index.js';
import { encodeResponse } from './encode-response.js';

const BASE: CanonicalResponse = { id: 'chatcmpl-1', model: 'mock/m', created: 1700000000, content: [], stopReason: 'end_turn' };

describe('openai-completions encodeResponse', () => {
  it('writes a text_completion with the text, a finish reason and OpenAI usage', () => {
    const body = encodeResponse({
      ...BASE,
      content: [
        { type: 'reasoning', text: 'thinking…' },
        { type: 'text', text: 'Hello ' },
        { type: 'text', text: 'world' },
      ],
      usage: { inputTokens: 9, outputTokens: 12, cachedInputTokens: 4 },
    });
    expect(body).toEqual({
      id: 'chatcmpl-1',
      object: 'text_completion',
      created: 1700000000,
      model: 'mock/m',
      choices: [{ text: 'Hello world', index: 0, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21, prompt_tokens_details: { cached_tokens: 4 } },
    });
  });

  it('knows only stop, length and content_filter', () => {
    const finish = (stopReason: CanonicalResponse['stopReason']) => (encodeResponse({ ...BASE, stopReason }).choices as Array<{ finish_reason: string }>)[0]!.finish_reason;
    expect(finish('max_tokens')).toBe('length');
    expect(finish('content_filter')).toBe('content_filter');
    expect(finish('tool_use')).toBe('stop');
    expect(finish('stop_sequence')).toBe('stop');
    expect(finish('refusal')).toBe('stop');
  });

  it('drops tool calls and leaves usage out when the provider gave none', () => {
    const body = encodeResponse({ ...BASE, content: [{ type: 'tool_call', id: 'c1', name: 'f', arguments: '{}' }], stopReason: 'tool_use' });
    expect(body.choices).toEqual([{ text: '', index: 0, logprobs: null, finish_reason: 'stop' }]);
    expect(body).not.toHaveProperty('usage');
  });
});
