import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../translation-error.js';
import { readOpenAiChatExtras } from '../openai-chat/extras.js';
import { decodeRequest } from './decode-request.js';

/** Decoding fails with a TranslationError that names `field`. */
function expectRefused(body: unknown, field: string): void {
  expect(() => decodeRequest(body)).toThrow(TranslationError);
  expect(() => decodeRequest(body)).toThrow(expect.objectContaining({ field }));
}

describe('openai-completions decodeRequest', () => {
  it('turns the prompt into one user message and reads the sampling fields', () => {
    const request = decodeRequest({ model: 'm', prompt: 'Say hi', max_tokens: 20, temperature: 0.5, top_p: 0.9, stop: ['\n\n'], seed: 7, user: 'u1', stream: true });
    expect(request).toMatchObject({
      model: 'm',
      system: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hi' }] }],
      maxOutputTokens: 20,
      temperature: 0.5,
      topP: 0.9,
      stopSequences: ['\n\n'],
      seed: 7,
      user: 'u1',
      stream: true,
    });
  });

  it('joins an array of prompts with newlines', () => {
    expect(decodeRequest({ model: 'm', prompt: ['first', 'second'] }).messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'first\nsecond' }] }]);
  });

  it('keeps fields without canonical meaning for a chat upstream, but none of the completions-only ones', () => {
    const request = decodeRequest({ model: 'm', prompt: 'x', n: 2, logit_bias: { '50256': -100 }, suffix: '', echo: false, best_of: 1, logprobs: 0 });
    expect(readOpenAiChatExtras(request)?.fields).toEqual({ n: 2, logit_bias: { '50256': -100 } });
  });

  it('refuses what no upstream here can honour, naming the field', () => {
    expectRefused({ model: 'm', prompt: 'x', suffix: 'tail' }, 'suffix');
    expectRefused({ model: 'm', prompt: 'x', echo: true }, 'echo');
    expectRefused({ model: 'm', prompt: 'x', best_of: 3 }, 'best_of');
    expectRefused({ model: 'm', prompt: 'x', logprobs: 2 }, 'logprobs');
  });

  it('refuses a missing, empty or token-array prompt', () => {
    expectRefused({ model: 'm' }, 'prompt');
    expectRefused({ model: 'm', prompt: [] }, 'prompt');
    expectRefused({ model: 'm', prompt: [1, 2, 3] }, 'prompt');
    expectRefused({ model: 'm', prompt: 'x', max_tokens: 'many' }, 'max_tokens');
  });
});
