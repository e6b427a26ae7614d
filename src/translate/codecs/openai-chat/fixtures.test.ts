import { describe, expect, it } from 'vitest';
import type { CanonicalStreamEvent, CanonicalUsage, StopReason } from '../../canonical/index.js';
import { assembleStream } from './test-support/assemble-stream.js';
import { openaiChatCodec } from './index.js';
import { listFixtureCases, parseSse, readFixtureJson, readFixtureText } from './test-support/load-fixtures.js';
import { openAiSchemaErrors } from './test-support/openai-schema.js';

// Expected values are computed from the recordings with the plain rules of the wire format, not
// with the codec's helpers, so a codec bug cannot make both sides agree.
const FINISH_TO_STOP: Record<string, StopReason> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'content_filter',
};

interface Expected {
  text: string;
  reasoning: string;
  toolCalls: Array<{ id: string; name: string; arguments: unknown }>;
  stopReason: StopReason;
  usage: { input: number; output: number };
}

function splitThink(content: string): { reasoning: string; text: string } {
  const match = /^\s*<think>([\s\S]*?)<\/think>([\s\S]*)$/.exec(content);
  return match ? { reasoning: (match[1] ?? '').trim(), text: (match[2] ?? '').trimStart() } : { reasoning: '', text: content };
}

function expectedFromStream(chunks: any[]): Expected {
  let content = '';
  let reasoning = '';
  let finish = '';
  let usage: any;
  const tools = new Map<number, { id: string; name: string; arguments: string }>();
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    if (typeof choice.delta?.content === 'string') content += choice.delta.content;
    if (typeof choice.delta?.reasoning_content === 'string') reasoning += choice.delta.reasoning_content;
    for (const call of choice.delta?.tool_calls ?? []) {
      const tool = tools.get(call.index) ?? { id: '', name: '', arguments: '' };
      if (!tool.id && call.id) tool.id = call.id;
      if (!tool.name && call.function?.name) tool.name = call.function.name;
      tool.arguments += call.function?.arguments ?? '';
      tools.set(call.index, tool);
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  const split = splitThink(content);
  return {
    text: split.text,
    reasoning: reasoning + split.reasoning,
    toolCalls: [...tools.values()].map((tool) => ({ ...tool, arguments: JSON.parse(tool.arguments) })),
    // No finish_reason at all (OpenRouter/Novita) still ends a turn that called tools.
    stopReason: FINISH_TO_STOP[finish] ?? (tools.size > 0 ? 'tool_use' : 'other'),
    usage: { input: usage.prompt_tokens, output: usage.completion_tokens },
  };
}

function expectedFromResponse(body: any): Expected {
  const choice = body.choices[0];
  const split = splitThink(choice.message.content ?? '');
  return {
    text: split.text,
    reasoning: (choice.message.reasoning_content ?? '') + split.reasoning,
    toolCalls: (choice.message.tool_calls ?? []).map((call: any) => ({
      id: call.id,
      name: call.function.name,
      arguments: JSON.parse(call.function.arguments),
    })),
    stopReason: FINISH_TO_STOP[choice.finish_reason] ?? 'other',
    usage: { input: body.usage.prompt_tokens, output: body.usage.completion_tokens },
  };
}

function summarise(result: { text: string; reasoning: string; toolCalls: any[]; stopReason?: StopReason; usage?: CanonicalUsage }) {
  return {
    text: result.text,
    reasoning: result.reasoning,
    toolCalls: result.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: JSON.parse(call.arguments) })),
    stopReason: result.stopReason,
    usage: result.usage ? { input: result.usage.inputTokens, output: result.usage.outputTokens } : undefined,
  };
}

function decodeSse(body: string): CanonicalStreamEvent[] {
  const decoder = openaiChatCodec.createStreamDecoder();
  const events = parseSse(body).flatMap((event) => decoder.push(event));
  return [...events, ...decoder.end()];
}

const cases = listFixtureCases();

describe('openai-chat fixtures', () => {
  it('finds the recorded cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  for (const fixture of cases.filter((c) => c.kinds.has('request.json'))) {
    it(`${fixture.name}: request decodes, re-encodes to a valid body and round-trips`, () => {
      const raw = readFixtureJson(fixture.name, 'request.json') as any;
      const request = openaiChatCodec.decodeRequest(raw);
      expect(request.model).toBe(raw.model);
      expect(request.stream).toBe(raw.stream === true);
      const systemMessages = raw.messages.filter((m: any) => m.role === 'system' || m.role === 'developer');
      expect(request.system.map((part) => part.text)).toEqual(systemMessages.map((m: any) => m.content));
      const userTexts = raw.messages.filter((m: any) => m.role === 'user' && typeof m.content === 'string').map((m: any) => m.content);
      const decodedUserTexts = request.messages
        .filter((m) => m.role === 'user' && m.content.length === 1 && m.content[0]?.type === 'text')
        .map((m) => (m.content[0] as { text: string }).text);
      expect(decodedUserTexts).toEqual(userTexts);
      expect(request.tools?.map((tool) => tool.name)).toEqual(
        raw.tools?.length ? raw.tools.map((tool: any) => tool.function.name) : undefined,
      );

      const encoded = openaiChatCodec.encodeRequest(request, { model: request.model });
      expect(openAiSchemaErrors('CreateChatCompletionRequest', encoded)).toEqual([]);
      const again = openaiChatCodec.decodeRequest(encoded);
      // Streaming upstream requests always ask for usage (accounting), whatever the client said.
      expect(again).toEqual(request.stream ? { ...request, streamIncludeUsage: true } : request);
    });
  }

  for (const fixture of cases.filter((c) => c.kinds.has('response.json') && c.status === 200)) {
    it(`${fixture.name}: response decodes to the recorded content and round-trips`, () => {
      const raw = readFixtureJson(fixture.name, 'response.json') as any;
      const response = openaiChatCodec.decodeResponse(raw);
      const assembled = {
        text: response.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join(''),
        reasoning: response.content.flatMap((p) => (p.type === 'reasoning' ? [p.text] : [])).join(''),
        toolCalls: response.content.filter((p) => p.type === 'tool_call'),
        stopReason: response.stopReason,
        usage: response.usage,
      };
      expect(summarise(assembled)).toEqual(expectedFromResponse(raw));
      expect(response.id).toBe(raw.id);
      expect(response.usage?.reasoningTokens).toBe(raw.usage.completion_tokens_details?.reasoning_tokens);

      const encoded = openaiChatCodec.encodeResponse(response);
      expect(openAiSchemaErrors('CreateChatCompletionResponse', encoded)).toEqual([]);
      expect(openaiChatCodec.decodeResponse(encoded)).toEqual(response);
    });
  }

  for (const fixture of cases.filter((c) => c.kinds.has('stream.sse'))) {
    it(`${fixture.name}: stream replays to the recorded content and survives re-encoding`, () => {
      const body = readFixtureText(fixture.name, 'stream.sse');
      const rawChunks = parseSse(body)
        .filter((event) => event.data !== '[DONE]')
        .map((event) => JSON.parse(event.data));
      const events = decodeSse(body);
      const assembled = assembleStream(events);
      expect(summarise(assembled)).toEqual(expectedFromStream(rawChunks));

      const encoder = openaiChatCodec.createStreamEncoder({ includeUsage: true, model: assembled.model ?? '' });
      const sse = [...events.flatMap((event) => encoder.push(event)), ...encoder.end(true)];
      expect(sse.at(-1)).toEqual({ data: '[DONE]' });
      for (const event of sse.slice(0, -1)) {
        expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', JSON.parse(event.data))).toEqual([]);
      }
      const redecoder = openaiChatCodec.createStreamDecoder();
      const replayed = assembleStream([...sse.flatMap((event) => redecoder.push(event)), ...redecoder.end()]);
      expect(replayed).toEqual(assembled);
    });
  }

  const expectedErrors: Record<string, { kind: string; code: string; param?: string }> = {
    'error-400-invalid-request': { kind: 'invalid_request', code: 'unsupported_parameter', param: 'stop' },
    'error-401-invalid-api-key': { kind: 'authentication', code: 'invalid_api_key' },
    'error-404-model-not-found': { kind: 'not_found', code: 'model_not_found' },
    'error-429-rate-limit': { kind: 'rate_limit', code: 'rate_limit_exceeded' },
  };
  for (const fixture of cases.filter((c) => c.status !== undefined && c.status >= 400)) {
    it(`${fixture.name}: error body decodes to kind, status and message`, () => {
      const raw = readFixtureJson(fixture.name, 'response.json') as any;
      const expected = expectedErrors[fixture.name];
      expect(expected, `no expectation written for ${fixture.name}`).toBeDefined();
      const error = openaiChatCodec.decodeError(fixture.status ?? 0, raw);
      expect(error).toEqual({ ...expected, status: fixture.status, message: raw.error.message });
      const encoded = openaiChatCodec.encodeError(error);
      expect(openAiSchemaErrors('ErrorResponse', encoded)).toEqual([]);
      expect(openaiChatCodec.decodeError(fixture.status ?? 0, encoded)).toMatchObject({ kind: error.kind, message: error.message });
    });
  }

  it('reads provider-specific usage fields exactly', () => {
    const deepseek = assembleStream(decodeSse(readFixtureText('reasoning-content-stream-deepseek', 'stream.sse')));
    expect(deepseek.usage).toEqual({ inputTokens: 6, outputTokens: 212, cachedInputTokens: 0, reasoningTokens: 198 });
    const together = assembleStream(decodeSse(readFixtureText('think-tags-stream', 'stream.sse')));
    expect(together.usage).toEqual({ inputTokens: 10, outputTokens: 955, cachedInputTokens: 0 });
    const groq = openaiChatCodec.decodeResponse(readFixtureJson('think-tags', 'response.json'));
    expect(groq.usage).toEqual({ inputTokens: 21, outputTokens: 1414 });
    const openrouter = assembleStream(decodeSse(readFixtureText('compat-openrouter-tool-call-stream', 'stream.sse')));
    expect(openrouter.toolCalls).toEqual([{ id: '0', name: 'llm_version', arguments: '{}' }]);
    expect(openrouter.stopReason).toBe('tool_use');
  });
});
