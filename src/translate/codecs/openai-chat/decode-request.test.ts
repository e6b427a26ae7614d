import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../translation-error.js';
import { decodeRequest } from './decode-request.js';

function fieldOf(body: unknown): string | undefined {
  try {
    decodeRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(TranslationError);
    return (error as TranslationError).field;
  }
  throw new Error('expected a TranslationError');
}

describe('decodeRequest', () => {
  it('lifts system and developer messages into system, in order', () => {
    const request = decodeRequest({
      model: 'gpt-4o',
      messages: [
        { role: 'developer', content: 'first' },
        { role: 'system', content: [{ type: 'text', text: 'second' }] },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(request.system.map((part) => part.text)).toEqual(['first', 'second']);
    expect(request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    expect(request.stream).toBe(false);
  });

  it('groups consecutive tool messages into one canonical tool message', () => {
    const request = decodeRequest({
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'a', type: 'function', function: { name: 'f', arguments: '{"x":1}' } },
            { id: 'b', type: 'function', function: { name: 'g', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'a', content: 'A' },
        { role: 'tool', tool_call_id: 'b', content: [{ type: 'text', text: 'B' }] },
      ],
    });
    expect(request.messages).toHaveLength(3);
    expect(request.messages[1]?.content).toEqual([
      { type: 'tool_call', id: 'a', name: 'f', arguments: '{"x":1}' },
      { type: 'tool_call', id: 'b', name: 'g', arguments: '{}' },
    ]);
    expect(request.messages[2]).toEqual({
      role: 'tool',
      content: [
        { type: 'tool_result', toolCallId: 'a', content: [{ type: 'text', text: 'A' }] },
        { type: 'tool_result', toolCallId: 'b', content: [{ type: 'text', text: 'B' }] },
      ],
    });
  });

  it('accepts the legacy functions / function_call / function role and pairs results by name', () => {
    const request = decodeRequest({
      model: 'gpt-3.5-turbo',
      functions: [{ name: 'lookup', parameters: { type: 'object', properties: {} } }],
      function_call: { name: 'lookup' },
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{"q":1}' } },
        { role: 'function', name: 'lookup', content: 'result' },
      ],
    });
    expect(request.tools?.map((tool) => tool.name)).toEqual(['lookup']);
    expect(request.toolChoice).toEqual({ name: 'lookup' });
    const call = request.messages[1]?.content[0];
    const result = request.messages[2]?.content[0];
    expect(call).toMatchObject({ type: 'tool_call', name: 'lookup', arguments: '{"q":1}' });
    expect(result).toMatchObject({ type: 'tool_result', name: 'lookup' });
    expect(result?.type === 'tool_result' && call?.type === 'tool_call' && result.toolCallId === call.id).toBe(true);
  });

  it('decodes data URLs to standard base64, normalising URL-safe input', () => {
    const request = decodeRequest({
      model: 'gpt-4o',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: 'data:image/png;base64,ab-_cd', detail: 'high' } },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
            { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBE', filename: 'a.pdf' } },
          ],
        },
      ],
    });
    expect(request.messages[0]?.content).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'ab+/cd==' }, detail: 'high' },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'audio/wav', data: 'AAAA' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' }, filename: 'a.pdf' },
    ]);
  });

  it('maps sampling, limits, formats and stream options', () => {
    const request = decodeRequest({
      model: 'o3',
      messages: [{ role: 'user', content: 'x' }],
      max_completion_tokens: 100,
      max_tokens: 5,
      stop: 'END',
      temperature: 0.2,
      top_p: 0.9,
      seed: 7,
      frequency_penalty: 0.1,
      presence_penalty: -0.1,
      user: 'u1',
      reasoning_effort: 'high',
      parallel_tool_calls: false,
      tool_choice: 'required',
      response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' }, strict: true } },
      stream: true,
      stream_options: { include_usage: true },
      n: 2,
      logit_bias: { '1': 2 },
    });
    expect(request).toMatchObject({
      maxOutputTokens: 100,
      stopSequences: ['END'],
      temperature: 0.2,
      topP: 0.9,
      seed: 7,
      frequencyPenalty: 0.1,
      presencePenalty: -0.1,
      user: 'u1',
      reasoning: { effort: 'high' },
      parallelToolCalls: false,
      toolChoice: 'required',
      responseFormat: { type: 'json_schema', name: 'r', schema: { type: 'object' }, strict: true },
      stream: true,
      streamIncludeUsage: true,
      extras: { 'openai-chat': { fields: { n: 2, logit_bias: { '1': 2 } }, maxTokensField: 'max_completion_tokens' } },
    });
  });

  it('keeps reasoning a client echoes back on assistant messages', () => {
    const request = decodeRequest({
      model: 'deepseek-reasoner',
      messages: [{ role: 'assistant', content: 'A', reasoning_content: 'R' }],
    });
    expect(request.messages[0]?.content).toEqual([
      { type: 'reasoning', text: 'R' },
      { type: 'text', text: 'A' },
    ]);
  });

  it('names the JSON path of malformed input', () => {
    const user = { role: 'user', content: 'x' };
    expect(fieldOf(null)).toBeUndefined();
    expect(fieldOf({ messages: [] })).toBe('model');
    expect(fieldOf({ model: 'm' })).toBe('messages');
    expect(fieldOf({ model: 'm', messages: [user, user, { role: 'user', content: 42 }] })).toBe('messages[2].content');
    expect(fieldOf({ model: 'm', messages: [{ role: 'wizard', content: 'x' }] })).toBe('messages[0].role');
    expect(fieldOf({ model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] })).toBe(
      'messages[0].content[0].image_url.url',
    );
    expect(fieldOf({ model: 'm', messages: [{ role: 'tool', content: 'x' }] })).toBe('messages[0].tool_call_id');
    expect(fieldOf({ model: 'm', messages: [user], tools: [{ type: 'function', function: {} }] })).toBe('tools[0].function.name');
    expect(fieldOf({ model: 'm', messages: [user], temperature: 'hot' })).toBe('temperature');
    expect(fieldOf({ model: 'm', messages: [user], tool_choice: 'sometimes' })).toBe('tool_choice');
  });
});
