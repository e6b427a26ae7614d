import { describe, expect, it } from 'vitest';
import type { CanonicalStreamEvent, ContentPart } from '../../canonical/index.js';
import { geminiCodec } from './index.js';
import { createJsonArrayStreamParser, GeminiStreamDecoder } from './index.js';
import { fixtureCases, fixtureStatus, parseSse, readFixtureJson, readFixtureText } from './test-support/load-fixtures.js';

type Json = Record<string, any>;

/** Text, thoughts, calls and signatures straight from the recorded JSON, to compare with decoded output. */
function recordedParts(chunks: Json[]): { text: string; thoughts: string; calls: Json[]; signatures: string[] } {
  let text = '';
  let thoughts = '';
  const calls: Json[] = [];
  const signatures: string[] = [];
  for (const chunk of chunks) {
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
      if (part.functionCall) calls.push(part.functionCall);
      else if (part.thought) thoughts += part.text ?? '';
      else text += part.text ?? '';
      if (part.thoughtSignature) signatures.push(part.thoughtSignature);
    }
  }
  return { text, thoughts, calls, signatures };
}

function canonicalSignatures(parts: ContentPart[]): string[] {
  return parts.flatMap((part) =>
    (part.type === 'tool_call' || part.type === 'reasoning') && part.opaque?.thoughtSignature !== undefined
      ? [part.opaque.thoughtSignature]
      : [],
  );
}

function collapse(events: CanonicalStreamEvent[]) {
  const blocks = new Map<number, { kind: string; text: string; name?: string; id?: string; opaque?: unknown }>();
  let stop: Extract<CanonicalStreamEvent, { type: 'message_stop' }> | undefined;
  const signatures: string[] = [];
  for (const event of events) {
    if (event.type === 'text_start') blocks.set(event.index, { kind: 'text', text: '' });
    if (event.type === 'reasoning_start') blocks.set(event.index, { kind: 'reasoning', text: '' });
    if (event.type === 'tool_call_start') blocks.set(event.index, { kind: 'tool', text: '', name: event.name, id: event.id });
    if (event.type === 'text_delta' || event.type === 'reasoning_delta') blocks.get(event.index)!.text += event.text;
    if (event.type === 'tool_call_delta') blocks.get(event.index)!.text += event.argumentsDelta;
    if ((event.type === 'reasoning_start' || event.type === 'tool_call_start') && event.opaque?.thoughtSignature) {
      expect(event.opaque.origin).toBe('gemini');
      signatures.push(event.opaque.thoughtSignature);
    }
    if (event.type === 'reasoning_opaque' && event.opaque.thoughtSignature) signatures.push(event.opaque.thoughtSignature);
    if (event.type === 'message_stop') stop = event;
  }
  const all = [...blocks.values()];
  return {
    text: all.filter((b) => b.kind === 'text').map((b) => b.text).join(''),
    thoughts: all.filter((b) => b.kind === 'reasoning').map((b) => b.text).join(''),
    tools: all.filter((b) => b.kind === 'tool'),
    signatures,
    stop,
  };
}

function expectedUsage(usage: Json) {
  return {
    inputTokens: usage.promptTokenCount + (usage.toolUsePromptTokenCount ?? 0),
    outputTokens: (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0),
  };
}

describe('gemini fixtures: requests', () => {
  for (const name of fixtureCases('request.json')) {
    it(`decodes ${name}.request.json`, () => {
      const body = readFixtureJson(`${name}.request.json`) as Json;
      const request = geminiCodec.decodeRequest(body);
      expect(request.model).toBe('');
      // Every recorded text survives, in order.
      const texts = body.contents.flatMap((c: Json) => c.parts.filter((p: Json) => typeof p.text === 'string' && p.text !== '').map((p: Json) => p.text));
      const decodedTexts = request.messages.flatMap((m) => m.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])));
      expect(decodedTexts).toEqual(texts);
      const declared = (body.tools ?? []).flatMap((t: Json) => t.functionDeclarations ?? []);
      expect(request.tools?.map((t) => t.name) ?? []).toEqual(declared.map((d: Json) => d.name));
      for (const tool of request.tools ?? []) {
        // Canonical parameters are JSON Schema: lower-case types.
        expect(tool.parameters.type).toBe('object');
      }
      if (body.systemInstruction) {
        expect(request.system.map((p) => p.text)).toEqual(body.systemInstruction.parts.map((p: Json) => p.text));
      }
    });
  }

  it('pairs the functionResponse with the earlier call and keeps its signature byte-exact', () => {
    const body = readFixtureJson('function-response-followup.request.json') as Json;
    const request = geminiCodec.decodeRequest(body);
    const [, assistant, tool] = request.messages;
    const call = assistant?.content[0];
    const result = tool?.content[0];
    expect(call?.type).toBe('tool_call');
    expect(result?.type).toBe('tool_result');
    if (call?.type !== 'tool_call' || result?.type !== 'tool_result') return;
    expect(JSON.parse(call.arguments)).toEqual({ latitude: '52.5200', longitude: '13.4050' });
    expect(call.opaque).toEqual({ origin: 'gemini', thoughtSignature: body.contents[1].parts[0].thoughtSignature });
    expect(result.toolCallId).toBe(call.id);
    expect(result.name).toBe('weather');
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(body.contents[2].parts[0].functionResponse.response);
  });

  it('reads snake_case thinking config and parameters_json_schema', () => {
    const thinking = geminiCodec.decodeRequest(readFixtureJson('thinking.request.json'));
    expect(thinking.reasoning).toEqual({ budgetTokens: 6400, includeThoughts: true });
    const level = geminiCodec.decodeRequest(readFixtureJson('thinking-stream.request.json'));
    expect(level.reasoning).toEqual({ effort: 'low', includeThoughts: true });
    const jsonSchema = geminiCodec.decodeRequest(readFixtureJson('function-call-thought-signature-stream.request.json'));
    expect(jsonSchema.tools?.[0]?.parameters).toEqual({ additionalProperties: false, properties: {}, type: 'object' });
    expect(jsonSchema.extras?.generationConfig).toEqual({ responseModalities: ['TEXT'] });
  });

  it('maps the structured-output schema to JSON Schema and keeps safetySettings as extras', () => {
    const structured = geminiCodec.decodeRequest(readFixtureJson('structured-output.request.json'));
    expect(structured.responseFormat?.type).toBe('json_schema');
    if (structured.responseFormat?.type !== 'json_schema') return;
    const schema = structured.responseFormat.schema as Json;
    expect(schema.type).toBe('object');
    expect(schema.properties.author.properties.first_name.type).toBe('string');
    expect(schema.required).toEqual(['title', 'author', 'rating']);
    const pelican = geminiCodec.decodeRequest(readFixtureJson('text-stream-json-array.request.json')) as Json;
    expect(pelican.extras.safetySettings).toHaveLength(4);
  });

  it('normalises URL-safe base64 image data', () => {
    const request = geminiCodec.decodeRequest(readFixtureJson('vision-inline-data.request.json'));
    const image = request.messages[0]?.content[1];
    expect(image?.type).toBe('image');
    if (image?.type !== 'image' || image.source.kind !== 'base64') throw new Error('expected base64 image');
    expect(image.source.mediaType).toBe('image/png');
    expect(image.source.data).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(image.source.data).toContain('+');
  });
});

describe('gemini fixtures: responses', () => {
  for (const name of fixtureCases('response.json').filter((n) => !n.startsWith('error-'))) {
    it(`decodes ${name}.response.json`, () => {
      const body = readFixtureJson(`${name}.response.json`) as Json;
      const response = geminiCodec.decodeResponse(body);
      const recorded = recordedParts([body]);
      expect(response.id).toBe(body.responseId);
      expect(response.model).toBe(body.modelVersion);
      expect(response.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('')).toBe(recorded.text);
      expect(response.content.flatMap((p) => (p.type === 'reasoning' ? [p.text] : [])).join('')).toBe(recorded.thoughts);
      const calls = response.content.filter((p) => p.type === 'tool_call');
      expect(calls.map((c) => c.name)).toEqual(recorded.calls.map((c) => c.name));
      expect(calls.map((c) => JSON.parse(c.arguments))).toEqual(recorded.calls.map((c) => c.args));
      expect(new Set(calls.map((c) => c.id)).size).toBe(calls.length);
      expect(canonicalSignatures(response.content)).toEqual(recorded.signatures);
      expect(response.stopReason).toBe(recorded.calls.length > 0 ? 'tool_use' : 'end_turn');
      expect(response.usage).toMatchObject(expectedUsage(body.usageMetadata));
      expect(response.usage?.reasoningTokens).toBe(body.usageMetadata.thoughtsTokenCount);
    });
  }

  it('counts thoughts as output and reasoning (usage-thoughts)', () => {
    const response = geminiCodec.decodeResponse(readFixtureJson('usage-thoughts.response.json'));
    expect(response.usage).toEqual({ inputTokens: 13, outputTokens: 175, reasoningTokens: 110 });
  });
});

describe('gemini fixtures: streams', () => {
  for (const name of fixtureCases('stream.sse')) {
    it(`replays ${name}.stream.sse`, () => {
      const events = parseSse(readFixtureText(`${name}.stream.sse`));
      const chunks = events.map((e) => JSON.parse(e.data) as Json);
      const decoder = geminiCodec.createStreamDecoder();
      const out = [...events.flatMap((e) => decoder.push(e)), ...decoder.end()];
      expect(out[0]?.type).toBe('message_start');
      const collapsed = collapse(out);
      const recorded = recordedParts(chunks);
      expect(collapsed.text).toBe(recorded.text);
      expect(collapsed.thoughts).toBe(recorded.thoughts);
      expect(collapsed.tools.map((t) => t.name)).toEqual(recorded.calls.map((c) => c.name));
      expect(collapsed.tools.map((t) => JSON.parse(t.text))).toEqual(recorded.calls.map((c) => c.args));
      expect(collapsed.signatures).toEqual(recorded.signatures);
      const last = chunks[chunks.length - 1]!;
      expect(collapsed.stop?.stopReason).toBe(recorded.calls.length > 0 ? 'tool_use' : 'end_turn');
      expect(collapsed.stop?.usage).toMatchObject(expectedUsage(last.usageMetadata));
      expect(out[out.length - 1]?.type).toBe('message_stop');
      // Every opened block is closed exactly once.
      const starts = out.filter((e) => e.type.endsWith('_start') && e.type !== 'message_start').length;
      expect(out.filter((e) => e.type === 'block_stop')).toHaveLength(starts);
    });
  }

  it('streams text deltas one per recorded chunk (no buffering)', () => {
    const events = parseSse(readFixtureText('text-stream.stream.sse'));
    const decoder = geminiCodec.createStreamDecoder();
    const perChunk = events.map((e) => decoder.push(e).filter((x) => x.type === 'text_delta').length);
    expect(perChunk).toEqual([1, 1, 1]);
  });

  it('parses the JSON-array stream form incrementally and decodes it', () => {
    const text = readFixtureText('text-stream-json-array.stream.json');
    const parser = createJsonArrayStreamParser();
    const elements: unknown[] = [];
    const counts: number[] = [];
    for (let offset = 0; offset < text.length; offset += 37) {
      const got = parser.push(text.slice(offset, offset + 37));
      counts.push(got.length);
      elements.push(...got);
    }
    expect(parser.end()).toBe(true);
    expect(elements).toEqual(JSON.parse(text));
    // Elements come out while the array is still open, not all at the end.
    expect(counts.findIndex((c) => c > 0)).toBeLessThan(counts.length - 1);
    const decoder = new GeminiStreamDecoder();
    const out = elements.flatMap((e) => decoder.pushChunk(e as Json));
    const collapsed = collapse(out);
    const recorded = recordedParts(elements as Json[]);
    expect(collapsed.text).toBe('Scoop');
    expect(collapsed.thoughts).toBe(recorded.thoughts);
    expect(collapsed.signatures).toEqual(recorded.signatures);
    expect(collapsed.stop?.usage).toEqual({ inputTokens: 11, outputTokens: 293, reasoningTokens: 291 });
  });
});

describe('gemini fixtures: errors', () => {
  const expected: Record<string, { kind: string; code: string }> = {
    'error-400-api-key-invalid': { kind: 'authentication', code: 'API_KEY_INVALID' },
    'error-404-model-not-found': { kind: 'not_found', code: 'NOT_FOUND' },
    'error-429-resource-exhausted': { kind: 'rate_limit', code: 'RESOURCE_EXHAUSTED' },
  };
  for (const name of fixtureCases('response.json').filter((n) => n.startsWith('error-'))) {
    it(`decodes ${name}`, () => {
      const body = readFixtureJson(`${name}.response.json`) as Json;
      const status = fixtureStatus(name);
      const error = geminiCodec.decodeError(status, body);
      expect(error).toMatchObject({ ...expected[name], status, message: body.error.message });
      // The raw text (as the upstream client hands it over) decodes the same.
      expect(geminiCodec.decodeError(status, readFixtureText(`${name}.response.json`))).toEqual(error);
    });
  }
});
