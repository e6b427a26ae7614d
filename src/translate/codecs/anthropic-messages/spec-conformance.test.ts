import { describe, expect, it } from 'vitest';
import type { CanonicalErrorKind, CanonicalStreamEvent } from '../../canonical/index.js';
import { anthropicMessagesCodec as codec } from './index.js';
import { listCases, loadCase, parseSse } from './test-support/load-fixtures.js';
import { specValidator } from './test-support/spec-validator.js';

/**
 * The published spec (Stainless, 2026-01) predates two request fields the recordings show
 * Anthropic accepting: `output_config.format` (GA structured outputs) and `thinking.display`.
 * They are checked separately and removed before validating the rest of the body.
 */
function withoutNewerFields(body: Record<string, unknown>): Record<string, unknown> {
  const { output_config: _outputConfig, ...rest } = body;
  if (typeof rest.thinking === 'object' && rest.thinking !== null) {
    const { display: _display, ...thinking } = rest.thinking as Record<string, unknown>;
    rest.thinking = thinking;
  }
  return rest;
}

const STREAM_EVENT_SCHEMAS: Record<string, string> = {
  message_start: 'MessageStartEvent',
  content_block_start: 'ContentBlockStartEvent',
  content_block_delta: 'ContentBlockDeltaEvent',
  content_block_stop: 'ContentBlockStopEvent',
  message_delta: 'MessageDeltaEvent',
  message_stop: 'MessageStopEvent',
};

describe('encoded requests validate against CreateMessageParams', () => {
  const validate = specValidator('CreateMessageParams');

  it.each(listCases().filter((name) => loadCase(name).request !== undefined))('%s', (name) => {
    const request = codec.decodeRequest(loadCase(name).request);
    const body = codec.encodeRequest(request, { model: request.model });
    expect(validate(withoutNewerFields(body))).toEqual([]);
    const format = (body.output_config as Record<string, unknown> | undefined)?.format;
    if (format !== undefined) expect(specValidator('BetaJsonOutputFormat')(format)).toEqual([]);
  });

  it('a translated request with thinking, tools and every content kind', () => {
    const body = codec.encodeRequest(
      {
        model: 'x',
        system: [{ type: 'text', text: 's', cacheControl: { type: 'ephemeral' } }],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'hi' },
              { type: 'image', source: { kind: 'url', url: 'data:image/png;base64,iVBORw0KGgo=' } },
              { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, filename: 'f.pdf' },
              { type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: Buffer.from('notes').toString('base64') } },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 't', opaque: { origin: 'anthropic-messages', signature: 's' } },
              { type: 'tool_call', id: 'a', name: 'f', arguments: '{"k":1}' },
            ],
          },
          { role: 'tool', content: [{ type: 'tool_result', toolCallId: 'a', isError: true, content: [] }] },
        ],
        tools: [{ name: 'f', parameters: {} }],
        toolChoice: 'required',
        parallelToolCalls: false,
        reasoning: { effort: 'medium' },
        temperature: 0.5,
        topP: 0.99,
        stream: true,
        user: 'u',
        seed: 7,
        frequencyPenalty: 1,
      },
      { model: 'claude-sonnet-4-5' },
    );
    expect(specValidator('CreateMessageParams')(body)).toEqual([]);
    expect(body.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
  });
});

describe('encoded responses validate against Message', () => {
  const validate = specValidator('Message');

  it.each(listCases().filter((name) => loadCase(name).status === 200 && loadCase(name).response !== undefined))('%s', (name) => {
    const body = codec.encodeResponse(codec.decodeResponse(loadCase(name).response));
    expect(validate(body)).toEqual([]);
  });
});

describe('encoded stream events validate against the stream event schemas', () => {
  function encodeRecording(body: string, complete: boolean) {
    const decoder = codec.createStreamDecoder();
    const canonical: CanonicalStreamEvent[] = parseSse(body).flatMap((event) => decoder.push(event));
    const encoder = codec.createStreamEncoder({ includeUsage: true, model: 'claude-sonnet-4-5' });
    return [...canonical.flatMap((event) => encoder.push(event)), ...encoder.end(complete)];
  }

  it.each(listCases().filter((name) => loadCase(name).stream !== undefined))('%s', (name) => {
    const events = encodeRecording(loadCase(name).stream!, true);
    expect(events.length).toBeGreaterThan(3);
    for (const event of events) {
      const data = JSON.parse(event.data) as { type: string };
      expect(data.type).toBe(event.event);
      const schema = STREAM_EVENT_SCHEMAS[data.type];
      expect(schema, data.type).toBeDefined();
      expect(specValidator(schema!)(data), event.data).toEqual([]);
      expect(specValidator('MessageStreamEvent')(data), event.data).toEqual([]);
    }
  });
});

describe('encoded errors validate against ErrorResponse', () => {
  const kinds: CanonicalErrorKind[] = [
    'invalid_request',
    'authentication',
    'permission',
    'not_found',
    'rate_limit',
    'quota_exhausted',
    'context_length',
    'overloaded',
    'timeout',
    'server_error',
  ];

  it.each(kinds)('%s', (kind) => {
    const body = codec.encodeError({ kind, status: 500, message: 'boom' });
    expect(specValidator('ErrorResponse')(body)).toEqual([]);
    const [event] = codec.encodeStreamError({ kind, status: 500, message: 'boom' });
    expect(event?.event).toBe('error');
    const data = JSON.parse(event!.data) as { type: string; error: unknown };
    expect(data.type).toBe('error');
    expect(specValidator('ErrorResponse')({ ...data, request_id: null })).toEqual([]);
  });

  it('request_too_large is Anthropic\'s documented 413 type, absent from this spec copy', () => {
    expect(codec.encodeError({ kind: 'request_too_large', status: 413, message: 'big' })).toEqual({
      type: 'error',
      error: { type: 'request_too_large', message: 'big' },
      request_id: null,
    });
  });
});

describe('the spec validator itself rejects what it should', () => {
  it('catches unknown request fields, bad stop reasons, missing usage and bad deltas', () => {
    const request = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] };
    expect(specValidator('CreateMessageParams')(request)).toEqual([]);
    expect(specValidator('CreateMessageParams')({ ...request, seed: 1 })).not.toEqual([]);
    expect(specValidator('CreateMessageParams')({ ...request, thinking: { type: 'enabled' } })).not.toEqual([]);
    const response = codec.encodeResponse({ id: 'a', model: 'm', created: 0, content: [], stopReason: 'end_turn' });
    expect(specValidator('Message')(response)).toEqual([]);
    expect(specValidator('Message')({ ...response, stop_reason: 'bogus' })).not.toEqual([]);
    expect(specValidator('Message')({ ...response, usage: { input_tokens: 1, output_tokens: 1 } })).not.toEqual([]);
    expect(
      specValidator('ContentBlockDeltaEvent')({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta' } }),
    ).not.toEqual([]);
  });
});
