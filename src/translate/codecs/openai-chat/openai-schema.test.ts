import { describe, expect, it } from 'vitest';
import { openAiSchemaErrors } from './test-support/openai-schema.js';

// Guards the validator itself: a schema check that accepts everything would prove nothing.
describe('openAiSchemaErrors', () => {
  it('accepts a valid chunk and rejects an invalid one', () => {
    const chunk = {
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'gpt-4o',
      choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: null, logprobs: null }],
    };
    expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    const bad = { ...chunk, choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: 'done' }] };
    expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', bad)).not.toEqual([]);
  });

  it('rejects a request with an unknown role and an error body without type', () => {
    expect(openAiSchemaErrors('CreateChatCompletionRequest', { model: 'm', messages: [{ role: 'robot', content: 'x' }] })).not.toEqual([]);
    expect(openAiSchemaErrors('ErrorResponse', { error: { message: 'x', param: null, code: null } })).not.toEqual([]);
  });
});
