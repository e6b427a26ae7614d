import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../translation-error.js';
import { anthropicMessagesCodec as codec, decodeCountTokensRequest } from './index.js';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TranslationError);
    return (error as TranslationError).field;
  }
  throw new Error('expected a TranslationError');
}

describe('decodeRequest: what Claude Code and SDKs send', () => {
  it('moves system-role entries to system and splits tool results before the user text', () => {
    const request = codec.decodeRequest({
      model: 'claude',
      max_tokens: 10,
      system: 'top',
      messages: [
        { role: 'system', content: 'inline system' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'ls', input: { path: '.' } }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'also this' },
            { type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'a.txt' }], is_error: false },
          ],
        },
      ],
      metadata: { user_id: 'session-1' },
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
    expect(request.system.map((part) => part.text)).toEqual(['top', 'inline system']);
    expect(request.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'user']);
    expect(request.messages[1]?.content[0]).toEqual({ type: 'tool_call', id: 't1', name: 'ls', arguments: '{"path":"."}' });
    expect(request.messages[2]?.content).toEqual([
      { type: 'tool_result', toolCallId: 't1', content: [{ type: 'text', text: 'a.txt' }], isError: false },
    ]);
    expect(request.messages[3]?.content).toEqual([{ type: 'text', text: 'also this' }]);
    expect(request.user).toBe('session-1');
    expect(request.toolChoice).toBe('required');
    expect(request.parallelToolCalls).toBe(false);
    expect(request.stream).toBe(false);
  });

  it('thinking blocks keep signatures; redacted blocks keep data; empty signatures are not state', () => {
    const request = codec.decodeRequest({
      model: 'claude',
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'x', signature: 'SIG' },
            { type: 'redacted_thinking', data: 'DATA' },
            { type: 'thinking', thinking: 'unsigned', signature: '' },
          ],
        },
      ],
    });
    expect(request.messages[0]?.content).toEqual([
      { type: 'reasoning', text: 'x', opaque: { origin: 'anthropic-messages', signature: 'SIG' } },
      { type: 'reasoning', text: '', redacted: true, opaque: { origin: 'anthropic-messages', redactedData: 'DATA' } },
      { type: 'reasoning', text: 'unsigned' },
    ]);
  });

  it('adaptive thinking, unknown fields and output_config.effort go to extras', () => {
    const request = codec.decodeRequest({
      model: 'claude',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'x' }],
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
      context_management: { edits: [] },
      some_future_field: 1,
    });
    expect(request.reasoning).toEqual({ includeThoughts: true });
    expect(request.extras).toEqual({
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
      context_management: { edits: [] },
      some_future_field: 1,
    });
    const body = codec.encodeRequest(request, { model: 'claude' });
    expect(body.thinking).toEqual({ type: 'adaptive' });
    expect(body.output_config).toEqual({ effort: 'high' });
    expect(body.context_management).toEqual({ edits: [] });
  });

  it('count_tokens bodies (no max_tokens) decode', () => {
    const request = decodeCountTokensRequest({ model: 'claude', system: 's', messages: [{ role: 'user', content: 'x' }], tools: [] });
    expect(request.maxOutputTokens).toBeUndefined();
    expect(request.system).toEqual([{ type: 'text', text: 's' }]);
  });

  it('documents and beta output_format', () => {
    const request = codec.decodeRequest({
      model: 'claude',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'hello' }, title: 'n.txt' },
            { type: 'document', source: { type: 'url', url: 'https://x/y.pdf' } },
          ],
        },
      ],
      output_format: { type: 'json_schema', schema: { type: 'object' } },
    });
    expect(request.messages[0]?.content).toEqual([
      { type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: Buffer.from('hello').toString('base64') }, filename: 'n.txt' },
      { type: 'file', source: { kind: 'url', url: 'https://x/y.pdf' } },
    ]);
    expect(request.responseFormat).toEqual({ type: 'json_schema', schema: { type: 'object' } });
  });
});

describe('decodeRequest: malformed input names the field', () => {
  const base = { model: 'claude', max_tokens: 5 };
  it.each([
    ['body', null],
    ['model', { messages: [] }],
    ['messages', { ...base, messages: 'hi' }],
    ['messages[1]', { ...base, messages: [{ role: 'user', content: 'a' }, 3] }],
    ['messages[0].role', { ...base, messages: [{ role: 'robot', content: 'a' }] }],
    ['messages[2].content', { ...base, messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 5 }] }],
    ['messages[0].content[0].text', { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 1 }] }] }],
    ['messages[0].content[0].type', { ...base, messages: [{ role: 'user', content: [{ text: 'x' }] }] }],
    ['messages[0].content[0].input', { ...base, messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'b', input: 'x' }] }] }],
    ['messages[0].content[0].tool_use_id', { ...base, messages: [{ role: 'user', content: [{ type: 'tool_result', content: 'x' }] }] }],
    ['messages[0].content[0].source.type', { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }] }],
    ['system[0].type', { ...base, messages: [], system: [{ type: 'image' }] }],
    ['tools[0].input_schema', { ...base, messages: [], tools: [{ name: 'x' }] }],
    ['tool_choice.type', { ...base, messages: [], tool_choice: { type: 'maybe' } }],
    ['thinking.budget_tokens', { ...base, messages: [], thinking: { type: 'enabled' } }],
    ['max_tokens', { ...base, max_tokens: '5', messages: [] }],
    ['stop_sequences[0]', { ...base, messages: [], stop_sequences: [1] }],
  ])('%s', (field, body) => {
    expect(fieldOf(() => codec.decodeRequest(body))).toBe(field);
  });

  it('responses and stream data too', () => {
    expect(fieldOf(() => codec.decodeResponse({ id: 'x', content: 'nope' }))).toBe('content');
    expect(fieldOf(() => codec.decodeResponse({ type: 'error', error: {} }))).toBe('type');
    expect(fieldOf(() => codec.createStreamDecoder().push({ event: 'message_start', data: '{oops' }))).toBe('data');
    expect(
      fieldOf(() => codec.createStreamDecoder().push({ data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta"}}' })),
    ).toBe('data.delta.text');
  });
});
