import {
  loadFixture,
  listFixtures,
  splitJsonArrayElements,
  splitSseEvents,
  type FixtureCase,
  type FixtureFormat,
  type FixtureStreamKind,
} from './fixture-library.js';
import { JSON_HEADERS, SSE_HEADERS, type MockReply } from './mock-reply.js';

export interface FixtureReplay {
  fixture: FixtureCase;
  reply: MockReply;
  streamKind?: FixtureStreamKind;
  isError: boolean;
}

// Transport headers describe the recorded connection, not the provider's answer;
// node sets its own date/length/encoding for the replay.
const DROPPED_HEADERS = new Set([
  'date',
  'server',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'set-cookie',
  'alt-svc',
  'cf-ray',
  'cf-cache-status',
  'strict-transport-security',
]);

function replayHeaders(fixture: FixtureCase, fallbackContentType: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(fixture.meta.response_headers ?? {})) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  headers['content-type'] =
    fixture.meta.http?.response_content_type ?? headers['content-type'] ?? fallbackContentType;
  return headers;
}

/**
 * Payload-only recordings have no status; the case name carries the documented
 * one (e.g. `error-429-insufficient-quota`, OpenAI's status for insufficient_quota).
 */
function replayStatus(fixture: FixtureCase): number {
  if (fixture.meta.http) return fixture.meta.http.status;
  const named = /^error-(\d{3})-/.exec(fixture.name);
  return named ? Number(named[1]) : 200;
}

/** `chunks.jsonl` holds payloads only; frame them the way the format's wire does. */
function framePayloadLines(fixture: FixtureCase, raw: Buffer): Buffer[] {
  const namedEvents = fixture.format === 'openai-responses' || fixture.format === 'anthropic-messages';
  return raw
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const payload: unknown = JSON.parse(line);
      const type =
        namedEvents && typeof payload === 'object' && payload !== null && 'type' in payload
          ? String(payload.type)
          : undefined;
      return Buffer.from(type ? `event: ${type}\ndata: ${line}\n\n` : `data: ${line}\n\n`, 'utf8');
    });
}

function buildReplay(fixture: FixtureCase): FixtureReplay {
  const status = replayStatus(fixture);
  const isError = status >= 400;
  if (fixture.streamRaw && fixture.streamKind) {
    const kind = fixture.streamKind;
    const chunks =
      kind === 'sse'
        ? splitSseEvents(fixture.streamRaw)
        : kind === 'json-array'
          ? splitJsonArrayElements(fixture.streamRaw)
          : framePayloadLines(fixture, fixture.streamRaw);
    const fallbackType = kind === 'json-array' ? JSON_HEADERS['content-type'] : SSE_HEADERS['content-type'];
    const headers = replayHeaders(fixture, fallbackType ?? 'text/event-stream');
    if (kind === 'jsonl') headers['content-type'] = 'text/event-stream';
    return { fixture, streamKind: kind, isError, reply: { status, headers, chunks, streamed: true } };
  }
  const body = Buffer.from(fixture.responseRaw ?? '', 'utf8');
  const headers = replayHeaders(fixture, JSON_HEADERS['content-type'] ?? 'application/json');
  return { fixture, isError, reply: { status, headers, chunks: [body], streamed: false } };
}

const replayCache = new Map<string, FixtureReplay>();

/** The prepared (cached) replay of one recording. */
export function fixtureReplay(format: FixtureFormat, name: string): FixtureReplay {
  const key = `${format}/${name}`;
  let replay = replayCache.get(key);
  if (!replay) {
    replay = buildReplay(loadFixture(format, name));
    replayCache.set(key, replay);
  }
  return replay;
}

export interface ReplayWanted {
  format: FixtureFormat;
  model: string;
  stream: boolean;
  /** Gemini streaming only: `alt=sse` wants SSE, otherwise the JSON-array body. */
  geminiSse?: boolean;
}

/** Replays indexed by format and case name, built once so lookups on the hot path are map reads. */
export class FixtureReplayIndex {
  private readonly byFormat = new Map<FixtureFormat, Map<string, FixtureReplay>>();

  constructor() {
    for (const fixture of listFixtures()) {
      let cases = this.byFormat.get(fixture.format);
      if (!cases) {
        cases = new Map();
        this.byFormat.set(fixture.format, cases);
      }
      cases.set(fixture.name, fixtureReplay(fixture.format, fixture.name));
    }
  }

  caseNames(): string[] {
    const names = new Set<string>();
    for (const cases of this.byFormat.values()) for (const name of cases.keys()) names.add(name);
    return [...names].sort();
  }

  /**
   * The recording named by the model (`text`, or a prefixed `mock/text`) when it
   * matches what the request asked for; errors are served whether or not the
   * request streams, as providers answer a failed stream request with a plain error.
   */
  select(wanted: ReplayWanted): FixtureReplay | undefined {
    const cases = this.byFormat.get(wanted.format);
    if (!cases) return undefined;
    const slash = wanted.model.lastIndexOf('/');
    const replay = cases.get(wanted.model) ?? (slash === -1 ? undefined : cases.get(wanted.model.slice(slash + 1)));
    if (!replay) return undefined;
    if (replay.isError) return replay;
    if (!wanted.stream) return replay.streamKind === undefined ? replay : undefined;
    if (wanted.format === 'gemini') {
      return replay.streamKind === (wanted.geminiSse ? 'sse' : 'json-array') ? replay : undefined;
    }
    return replay.streamKind === 'sse' || replay.streamKind === 'jsonl' ? replay : undefined;
  }
}
