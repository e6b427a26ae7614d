import { splitJsonArrayElements, type FixtureCase } from '../../support/fixture-library.js';
import type { RecordedError, SemanticSummary } from './semantic-summary.js';
import { readJsonLines, readSsePayloads, type SsePayload } from './sse-payloads.js';
import { summariseAnthropicResponse, summariseAnthropicStream } from './summarise-anthropic-messages.js';
import { summariseGeminiChunks } from './summarise-gemini.js';
import { summariseOpenAiChatResponse, summariseOpenAiChatStream } from './summarise-openai-chat.js';
import { summariseOpenAiResponsesResponse, summariseOpenAiResponsesStream } from './summarise-openai-responses.js';

/** The status a recording was answered with; payload-only ones carry it in the case name. */
export function fixtureStatus(fixture: FixtureCase): number {
  if (fixture.meta.http) return fixture.meta.http.status;
  const named = /^error-(\d{3})-/.exec(fixture.name);
  return named ? Number(named[1]) : 200;
}

export function isErrorFixture(fixture: FixtureCase): boolean {
  return fixtureStatus(fixture) >= 400 || fixture.streamKind === 'jsonl';
}

/** The events of a recorded stream (SSE or payload-only JSON lines). */
export function streamPayloads(fixture: FixtureCase): SsePayload[] {
  const raw = fixture.streamRaw!.toString('utf8');
  return fixture.streamKind === 'jsonl' ? readJsonLines(raw) : readSsePayloads(raw);
}

/** Gemini stream bodies are a sequence of GenerateContentResponse chunks, as SSE or as one JSON array. */
function geminiChunks(fixture: FixtureCase): unknown[] {
  if (fixture.streamKind === 'json-array') return jsonArrayElements(fixture.streamRaw!);
  return streamPayloads(fixture).map((payload) => payload.data as unknown);
}

/** The elements of a JSON-array stream body, each piece stripped of the `[`/`,` before it and the final `]`. */
export function jsonArrayElements(raw: Buffer): unknown[] {
  return splitJsonArrayElements(raw)
    .map((piece) => piece.toString('utf8').replace(/^[\s,[]+/, '').replace(/[\s\]]+$/, ''))
    .filter((text) => text !== '')
    .map((text) => JSON.parse(text) as unknown);
}

/** An independent reading of what a successful recording says (streamed or not). */
export function summariseFixture(fixture: FixtureCase): SemanticSummary {
  const streamed = fixture.streamRaw !== undefined;
  switch (fixture.format) {
    case 'anthropic-messages':
      return streamed ? summariseAnthropicStream(streamPayloads(fixture)) : summariseAnthropicResponse(fixture.response);
    case 'openai-chat':
      return streamed ? summariseOpenAiChatStream(streamPayloads(fixture)) : summariseOpenAiChatResponse(fixture.response);
    case 'openai-responses':
      return streamed ? summariseOpenAiResponsesStream(streamPayloads(fixture)) : summariseOpenAiResponsesResponse(fixture.response);
    case 'gemini':
      return summariseGeminiChunks(streamed ? geminiChunks(fixture) : [fixture.response]);
  }
}

/**
 * The failure a recording holds: the HTTP error body's message, or for a stream that fails
 * midway, the message of its error event.
 */
export function recordedError(fixture: FixtureCase): RecordedError {
  const status = fixtureStatus(fixture);
  if (fixture.response !== undefined) {
    const body = fixture.response as any;
    return { status, message: String(body.error?.message ?? body.message) };
  }
  const failure = streamPayloads(fixture).find((payload) => payload.data?.type === 'error' || payload.data?.error);
  const error = failure?.data.error ?? failure?.data;
  return { status, message: String(error?.message) };
}
