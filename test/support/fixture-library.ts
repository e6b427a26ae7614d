import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// test/support/ → repo root is two levels up; the shared fixtures sit beside the repo.
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const FIXTURES_DIR: string = process.env['OMNIROUTE_FIXTURES_DIR']
  ? path.resolve(process.env['OMNIROUTE_FIXTURES_DIR'])
  : path.resolve(REPO_ROOT, '../shared/fixtures');

export type FixtureFormat = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini';

export const FIXTURE_FORMATS: readonly FixtureFormat[] = [
  'openai-chat',
  'openai-responses',
  'anthropic-messages',
  'gemini',
];

export type FixtureStreamKind = 'sse' | 'json-array' | 'jsonl';

/** The fields of `<case>.meta.json`; `http` and headers are absent for payload-only recordings. */
export interface FixtureMeta {
  format: FixtureFormat;
  case: string;
  description: string;
  http?: {
    method: string;
    host: string;
    /** Path as recorded, including the query string (e.g. `?alt=sse`). */
    path: string;
    status: number;
    response_content_type: string;
  };
  request_headers?: Record<string, string>;
  response_headers?: Record<string, string>;
  capture: {
    kind: string;
    response: string;
    request: string;
    recorder?: string;
    note?: string;
  };
  source: {
    repo: string;
    path: string;
    commit: string;
    interaction_index?: number;
  };
}

export interface FixtureCase {
  format: FixtureFormat;
  name: string;
  meta: FixtureMeta;
  /** Parsed `request.json` (absent when the request was not recorded). */
  request?: unknown;
  /** `response.json` exactly as stored (non-streaming body or error body). */
  responseRaw?: string;
  response?: unknown;
  /** Raw bytes of `stream.sse`, `stream.json` or `chunks.jsonl`. */
  streamRaw?: Buffer;
  streamKind?: FixtureStreamKind;
}

const STREAM_FILES: ReadonlyArray<readonly [string, FixtureStreamKind]> = [
  ['stream.sse', 'sse'],
  ['stream.json', 'json-array'],
  ['chunks.jsonl', 'jsonl'],
];

const caseCache = new Map<string, FixtureCase>();
const namesCache = new Map<FixtureFormat, string[]>();

function caseNames(format: FixtureFormat): string[] {
  const cached = namesCache.get(format);
  if (cached) return cached;
  const dir = path.join(FIXTURES_DIR, format);
  const names = readdirSync(dir)
    .filter((file) => file.endsWith('.meta.json'))
    .map((file) => file.slice(0, -'.meta.json'.length))
    .sort();
  namesCache.set(format, names);
  return names;
}

function readOptional(file: string): Buffer | undefined {
  return existsSync(file) ? readFileSync(file) : undefined;
}

export function loadFixture(format: FixtureFormat, name: string): FixtureCase {
  const key = `${format}/${name}`;
  const cached = caseCache.get(key);
  if (cached) return cached;

  const base = path.join(FIXTURES_DIR, format, name);
  const metaBytes = readOptional(`${base}.meta.json`);
  if (!metaBytes) throw new Error(`no fixture ${key} in ${FIXTURES_DIR}`);
  const fixture: FixtureCase = {
    format,
    name,
    meta: JSON.parse(metaBytes.toString('utf8')) as FixtureMeta,
  };

  const requestBytes = readOptional(`${base}.request.json`);
  if (requestBytes) fixture.request = JSON.parse(requestBytes.toString('utf8')) as unknown;

  const responseBytes = readOptional(`${base}.response.json`);
  if (responseBytes) {
    fixture.responseRaw = responseBytes.toString('utf8');
    fixture.response = JSON.parse(fixture.responseRaw) as unknown;
  }

  for (const [suffix, kind] of STREAM_FILES) {
    const bytes = readOptional(`${base}.${suffix}`);
    if (bytes) {
      fixture.streamRaw = bytes;
      fixture.streamKind = kind;
      break;
    }
  }

  caseCache.set(key, fixture);
  return fixture;
}

export function listFixtures(format?: FixtureFormat): FixtureCase[] {
  const formats = format ? [format] : FIXTURE_FORMATS;
  return formats.flatMap((f) => caseNames(f).map((name) => loadFixture(f, name)));
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits an SSE body into events at blank lines, following the SSE spec's line
 * terminators (CRLF, LF or CR). Each piece keeps its terminating blank line so
 * that `Buffer.concat(pieces)` equals `raw`; trailing bytes without a blank line
 * become the last piece.
 */
export function splitSseEvents(raw: Buffer): Buffer[] {
  const events: Buffer[] = [];
  let eventStart = 0;
  let lineStart = 0;
  let i = 0;
  while (i < raw.length) {
    const byte = raw[i];
    if (byte !== LF && byte !== CR) {
      i += 1;
      continue;
    }
    const terminatorLength = byte === CR && raw[i + 1] === LF ? 2 : 1;
    const blankLine = i === lineStart;
    i += terminatorLength;
    lineStart = i;
    // A blank line before any field belongs to the next event (nothing to dispatch yet).
    if (blankLine && i - terminatorLength > eventStart) {
      events.push(raw.subarray(eventStart, i));
      eventStart = i;
    }
  }
  if (eventStart < raw.length) events.push(raw.subarray(eventStart));
  return events;
}

/**
 * Splits a Gemini `streamGenerateContent` JSON-array body into one piece per
 * array element (the separator goes with the element it precedes), so the
 * array can be replayed incrementally as Google sends it.
 */
export function splitJsonArrayElements(raw: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  let depth = 0;
  let inString = false;
  let pieceStart = 0;
  for (let i = 0; i < raw.length; i += 1) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c) i += 1; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
      continue;
    }
    if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) depth += 1;
    else if (byte === 0x7d || byte === 0x5d) {
      depth -= 1;
      // depth 1 = back inside the top-level array: one element is complete.
      if (depth === 1 && byte === 0x7d) {
        pieces.push(raw.subarray(pieceStart, i + 1));
        pieceStart = i + 1;
      }
    }
  }
  if (pieceStart < raw.length) pieces.push(raw.subarray(pieceStart));
  return pieces;
}
