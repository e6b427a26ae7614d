import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../canonical/index.js';
import { decodeRequest } from './decode-request.js';
import { encodeRequest } from './encode-request.js';
import { openAiSchemaErrors } from './test-support/openai-schema.js';

const RICH: CanonicalRequest = {
  model: 'client-model',
  system: [
    { type: 'text', text: 'Be brief.' },
    { type: 'text', text: 'Be kind.' },
  ],
  messages: [
    {
      role: 'user',
      name: 'ana',
      content: [
        { type: 'text', text: 'Look:' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: 'AQID' }, detail: 'low' },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/x.png' } },
        { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' }, filename: 'a.pdf' },
        { type: 'file', source: { kind: 'base64', mediaType: 'audio/mp3', data: 'SUQz' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_call', id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}' },
        { type: 'tool_call', id: 'call_2', name: 'time', arguments: '{}' },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool_result', toolCallId: 'call_1', content: [{ type: 'text', text: 'sunny' }] },
        { type: 'tool_result', toolCallId: 'call_2', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
      ],
    },
  ],
  tools: [
    { name: 'weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true },
    { name: 'time', parameters: { type: 'object', properties: {} } },
  ],
  toolChoice: { name: 'weather' },
  parallelToolCalls: true,
  maxOutputTokens: 256,
  temperature: 0.5,
  topP: 0.8,
  stopSequences: ['x', 'y'],
  stream: false,
  seed: 3,
  frequencyPenalty: 0.5,
  presencePenalty: 0.25,
  user: 'user-1',
  reasoning: { effort: 'low' },
  responseFormat: { type: 'json_schema', name: 'out', description: 'd', schema: { type: 'object' }, strict: true },
};

describe('encodeRequest', () => {
  it('produces a spec-valid body that decodes back to the same canonical request', () => {
    const body = encodeRequest(RICH, { model: 'gpt-4o' });
    expect(openAiSchemaErrors('CreateChatCompletionRequest', body)).toEqual([]);
    expect(body.model).toBe('gpt-4o');
    expect(body.max_tokens).toBe(256);
    expect(decodeRequest(body)).toEqual({ ...RICH, model: 'gpt-4o' });
  });

  it('always asks a streaming upstream for usage, even when the client did not', () => {
    const body = encodeRequest({ ...RICH, stream: true, streamIncludeUsage: false }, { model: 'gpt-4o' });
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(encodeRequest(RICH, { model: 'gpt-4o' })).not.toHaveProperty('stream_options');
  });

  it('uses max_completion_tokens when the client did, or the model requires it', () => {
    const fromClient = decodeRequest({ model: 'x', messages: [{ role: 'user', content: 'q' }], max_completion_tokens: 9 });
    const body = encodeRequest(fromClient, { model: 'llama-3' });
    expect(body).toMatchObject({ max_completion_tokens: 9 });
    expect(body).not.toHaveProperty('max_tokens');
    expect(encodeRequest(RICH, { model: 'o3-mini' })).toMatchObject({ max_completion_tokens: 256 });
    expect(encodeRequest(RICH, { model: 'openai/gpt-5-nano' })).toMatchObject({ max_completion_tokens: 256 });
  });

  it("restores this format's extras but never another codec's", () => {
    const request: CanonicalRequest = {
      ...RICH,
      extras: { 'openai-chat': { fields: { n: 1, logit_bias: { '5': 1 } } }, 'anthropic-messages': { metadata: { a: 1 } }, top_k: 3 },
    };
    const body = encodeRequest(request, { model: 'gpt-4o' });
    expect(body).toMatchObject({ n: 1, logit_bias: { '5': 1 } });
    expect(body).not.toHaveProperty('metadata');
    expect(body).not.toHaveProperty('top_k');
    expect(body).not.toHaveProperty('anthropic-messages');
  });

  it('drops reasoning and every piece of foreign opaque state, never forging it', () => {
    const request: CanonicalRequest = {
      model: 'm',
      system: [],
      stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'q' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'hmm', opaque: { origin: 'anthropic-messages', signature: 'SIG-ANTHROPIC' } },
            { type: 'reasoning', text: '', redacted: true, opaque: { origin: 'anthropic-messages', redactedData: 'REDACTED-DATA' } },
            { type: 'reasoning', text: 's', opaque: { origin: 'openai-responses', encryptedContent: 'ENC', itemId: 'rs_1' } },
            { type: 'tool_call', id: 'c1', name: 'f', arguments: '{}', opaque: { origin: 'gemini', thoughtSignature: 'GEMSIG' } },
          ],
        },
      ],
    };
    const body = encodeRequest(request, { model: 'gpt-4o' });
    const text = JSON.stringify(body);
    for (const secret of ['SIG-ANTHROPIC', 'REDACTED-DATA', 'ENC', 'rs_1', 'GEMSIG', 'hmm']) expect(text).not.toContain(secret);
    expect(decodeRequest(body).messages[1]?.content).toEqual([{ type: 'tool_call', id: 'c1', name: 'f', arguments: '{}' }]);
  });

  it('turns tool results inside a user turn into tool messages and carries tool images in a user message', () => {
    const request: CanonicalRequest = {
      model: 'm',
      system: [],
      stream: false,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              toolCallId: 'c1',
              isError: true,
              content: [
                { type: 'text', text: 'screenshot' },
                { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA==' } },
              ],
            },
            { type: 'text', text: 'and now?' },
          ],
        },
      ],
    };
    const body = encodeRequest(request, { model: 'gpt-4o' });
    expect(openAiSchemaErrors('CreateChatCompletionRequest', body)).toEqual([]);
    expect(body.messages).toEqual([
      { role: 'tool', tool_call_id: 'c1', content: 'screenshot' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } }] },
      { role: 'user', content: 'and now?' },
    ]);
  });
});
