import { describe, expect, it } from 'vitest';
import type { CanonicalStreamEvent, ReasoningPart, ToolCallPart } from '../../canonical/index.js';
import { openaiResponsesCodec as codec } from './index.js';
import { fixtureCases, loadChunks, loadJson, loadSse, sseJson } from './test-support/load-fixtures.js';
import { assembleContent } from './test-support/stream-test-helpers.js';

type Json = Record<string, any>;

function withoutCiphertext(parts: unknown): unknown {
  return JSON.parse(JSON.stringify(parts, (key, value) => (key === 'encryptedContent' ? typeof value : value)));
}

function replay(file: string): CanonicalStreamEvent[] {
  const decoder = codec.createStreamDecoder();
  const events = (file.endsWith('.jsonl') ? loadChunks(file) : loadSse(file)).flatMap((e) => decoder.push(e));
  return [...events, ...decoder.end()];
}

describe('recorded requests decode', () => {
  it.each(fixtureCases('.request.json'))('%s', (name) => {
    const body = loadJson(`${name}.request.json`) as Json;
    const request = codec.decodeRequest(body);
    expect(request.model).toBe(body.model);
    expect(request.stream).toBe(body.stream ?? false);
    const userTexts = request.messages.filter((m) => m.role === 'user').flatMap((m) => m.content);
    expect(userTexts.length).toBeGreaterThan(0);
  });

  it('pairs each replayed reasoning item with the function call after it, byte-exact', () => {
    const body = loadJson('reasoning-tool-call-roundtrip.request.json') as Json;
    const request = codec.decodeRequest(body);
    expect(request.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'tool']);
    const reasoningItems = body.input.filter((i: Json) => i.type === 'reasoning');
    [1, 3].forEach((m, k) => {
      const [reasoning, call] = request.messages[m]!.content as [ReasoningPart, ToolCallPart];
      expect(reasoning.type).toBe('reasoning');
      expect(reasoning.opaque).toEqual({
        origin: 'openai-responses',
        itemId: reasoningItems[k].id,
        encryptedContent: reasoningItems[k].encrypted_content,
      });
      expect(call.type).toBe('tool_call');
      expect(call.name).toBe('db_lookup');
    });
    const tool = request.messages[2]!.content[0]!;
    expect(tool).toEqual({ type: 'tool_result', toolCallId: 'call_I670mAzR6AYszdoqaI96qg0k', content: [{ type: 'text', text: 'Begin with the value 7.' }] });
    expect(request.reasoning).toEqual({ effort: 'high' });
    expect(request.extras).toEqual({ 'openai-responses': { include: ['reasoning.encrypted_content'], store: false } });
  });

  it('maps instructions, developer messages, tools, formats and images', () => {
    const reasoning = codec.decodeRequest(loadJson('reasoning.request.json'));
    expect(reasoning.system).toEqual([{ type: 'text', text: 'You are a helpful coding assistant.' }]);
    expect(reasoning.reasoning).toEqual({ effort: 'high', summary: 'auto', includeThoughts: true });

    const parallel = codec.decodeRequest(loadJson('parallel-tool-calls.request.json'));
    expect(parallel.system).toEqual([{ type: 'text', text: 'Use parallel tool calling.' }]);
    expect(parallel.tools?.[0]).toMatchObject({ name: 'secret_retrieval_tool', strict: false });
    expect(parallel.tools?.[0]?.parameters.required).toEqual(['password']);

    const structured = codec.decodeRequest(loadJson('structured-output.request.json'));
    expect(structured.responseFormat).toMatchObject({ type: 'json_schema', name: 'Book', strict: true });

    const vision = codec.decodeRequest(loadJson('vision-url.request.json'));
    expect(vision.messages[0]?.content[1]).toEqual({
      type: 'image',
      source: { kind: 'url', url: 'https://en.wikipedia.org/static/images/icons/wikipedia.png' },
      detail: 'auto',
    });

    const usage = codec.decodeRequest(loadJson('usage-stream.request.json'));
    expect(usage.toolChoice).toBe('required');
    expect(usage.extras?.['openai-responses']).toMatchObject({ service_tier: 'flex', previous_response_id: null });

    const tool = codec.decodeRequest(loadJson('tool-call.request.json'));
    expect(tool.tools?.[0]?.description).toBeUndefined();
    expect(tool.toolChoice).toBe('auto');
  });
});

describe('recorded responses decode', () => {
  it('text', () => {
    const response = codec.decodeResponse(loadJson('text.response.json'));
    expect(response.content).toEqual([{ type: 'text', text: 'pong' }]);
    expect(response.stopReason).toBe('end_turn');
    expect(response.usage).toEqual({ inputTokens: 11, outputTokens: 5, cachedInputTokens: 0, reasoningTokens: 0 });
    expect(response.model).toBe('gpt-5.5-2026-04-23');
  });

  it('reasoning keeps summary text and encrypted content byte-exact', () => {
    const body = loadJson('reasoning.response.json') as Json;
    const response = codec.decodeResponse(body);
    const [reasoning, text] = response.content as [ReasoningPart, Json];
    expect(reasoning.text).toBe(body.output[0].summary[0].text);
    expect(reasoning.summary).toBe(true);
    expect(reasoning.opaque?.encryptedContent).toBe(body.output[0].encrypted_content);
    expect(reasoning.opaque?.itemId).toBe(body.output[0].id);
    expect(text.text).toContain('def factorial');
    expect(response.usage?.reasoningTokens).toBe(59);
  });

  it.each([
    ['tool-call', [{ country: 'PotatoLand' }]],
    ['parallel-tool-calls', [{ password: 'mellon' }, { password: 'radiance' }]],
    ['reasoning-tool-call-roundtrip', [{ key: 'step1' }]],
  ])('%s → tool_use with parsed arguments', (name, args) => {
    const body = loadJson(`${name}.response.json`) as Json;
    const response = codec.decodeResponse(body);
    const calls = response.content.filter((p): p is ToolCallPart => p.type === 'tool_call');
    expect(calls.map((c) => JSON.parse(c.arguments))).toEqual(args);
    const items = body.output.filter((o: Json) => o.type === 'function_call');
    expect(calls.map((c) => [c.id, c.opaque?.itemId])).toEqual(items.map((o: Json) => [o.call_id, o.id]));
    expect(response.stopReason).toBe('tool_use');
  });
});

describe('recorded streams replay', () => {
  it.each(fixtureCases('.stream.sse'))('%s matches its own response.completed', (name) => {
    const events = replay(`${name}.stream.sse`);
    const completed = sseJson(loadSse(`${name}.stream.sse`)).find((e) => e.type === 'response.completed') as Json;
    const expected = codec.decodeResponse(completed.response);
    expect(events[0]).toEqual({ type: 'message_start', id: expected.id, model: expected.model, created: expected.created });
    // OpenAI re-encrypts reasoning on every emission (added, done and completed copies differ in the
    // recordings), so only its presence is compared here; the done copy is checked byte-exact below.
    expect(withoutCiphertext(assembleContent(events))).toEqual(withoutCiphertext(expected.content));
    expect(events.at(-1)).toEqual({ type: 'message_stop', stopReason: expected.stopReason, usage: expected.usage });
    // Every opened block is closed exactly once, before message_stop.
    const starts = events.filter((e) => e.type.endsWith('_start') && e.type !== 'message_start').map((e) => (e as { index: number }).index);
    const stops = events.filter((e) => e.type === 'block_stop').map((e) => (e as { index: number }).index);
    expect([...stops].sort()).toEqual([...starts].sort());
    expect(starts).toEqual(starts.map((_, i) => i));
  });

  it('streams tool arguments as deltas with stable toolIndex', () => {
    const events = replay('parallel-tool-calls-stream.stream.sse');
    const upstreamDeltas = sseJson(loadSse('parallel-tool-calls-stream.stream.sse')).filter((e) => e.type === 'response.function_call_arguments.delta');
    const deltas = events.filter((e) => e.type === 'tool_call_delta');
    expect(deltas).toHaveLength(upstreamDeltas.length);
    expect(events.filter((e) => e.type === 'tool_call_start').map((e) => [e.index, e.toolIndex, e.name])).toEqual([
      [0, 0, 'secret_retrieval_tool'],
      [1, 1, 'secret_retrieval_tool'],
    ]);
    expect(events.at(-1)).toMatchObject({ stopReason: 'tool_use', usage: { inputTokens: expect.any(Number) } });
  });

  it('reasoning summary parts become separate blocks; encrypted content from output_item.done wins', () => {
    const summaries = replay('reasoning-stream.stream.sse').filter((e) => e.type === 'reasoning_start');
    expect(summaries).toHaveLength(3);
    const raw = sseJson(loadSse('usage-stream.stream.sse'));
    const done = raw.find((e) => e.type === 'response.output_item.done') as Json;
    const opaque = replay('usage-stream.stream.sse').find((e) => e.type === 'reasoning_opaque');
    expect(opaque).toEqual({
      type: 'reasoning_opaque',
      index: 0,
      opaque: { origin: 'openai-responses', encryptedContent: done.item.encrypted_content, itemId: done.item.id },
    });
    const usage = replay('usage-stream.stream.sse').at(-1);
    expect(usage).toEqual({
      type: 'message_stop',
      stopReason: 'tool_use',
      usage: { inputTokens: 53, outputTokens: 469, cachedInputTokens: 0, reasoningTokens: 448 },
    });
  });

  it('error event then response.failed → one canonical error, nothing after', () => {
    const events = replay('error-in-stream-insufficient-quota.chunks.jsonl');
    expect(events.map((e) => e.type)).toEqual(['message_start', 'error']);
    expect(events[1]).toMatchObject({
      error: { kind: 'quota_exhausted', status: 429, code: 'insufficient_quota', message: expect.stringContaining('exceeded your current quota') },
    });
  });
});

describe('recorded errors decode', () => {
  it.each([
    ['error-400-invalid-request', 400, 'invalid_request', 'temperature'],
    ['error-401-invalid-api-key', 401, 'authentication', undefined],
    ['error-400-context-length', 400, 'context_length', 'input'],
    ['error-429-insufficient-quota', 429, 'quota_exhausted', undefined],
  ])('%s', (name, status, kind, param) => {
    const body = loadJson(`${name}.response.json`) as Json;
    const meta = loadJson(`${name}.meta.json`) as Json;
    if (meta.http?.status !== undefined) expect(meta.http.status).toBe(status);
    const error = codec.decodeError(status, body);
    expect(error).toMatchObject({ kind, status, message: body.error.message, code: body.error.code });
    expect(error.param).toBe(param);
  });
});
