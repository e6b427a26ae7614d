import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FIXTURE_FORMATS,
  FIXTURES_DIR,
  listFixtures,
  loadFixture,
  splitJsonArrayElements,
  splitSseEvents,
} from '../support/fixture-library.js';

describe('fixture library', () => {
  it('lists one case per meta.json in every format', () => {
    for (const format of FIXTURE_FORMATS) {
      const metaFiles = readdirSync(path.join(FIXTURES_DIR, format)).filter((f) => f.endsWith('.meta.json'));
      const cases = listFixtures(format);
      expect(cases.map((c) => c.name).sort()).toEqual(metaFiles.map((f) => f.replace('.meta.json', '')).sort());
      for (const fixture of cases) {
        expect(fixture.format).toBe(format);
        expect(fixture.meta.case).toBe(fixture.name);
        expect(fixture.responseRaw !== undefined || fixture.streamRaw !== undefined).toBe(true);
      }
    }
    expect(listFixtures().length).toBe(FIXTURE_FORMATS.reduce((n, f) => n + listFixtures(f).length, 0));
  });

  it('loads the raw files unchanged and caches the result', () => {
    const text = loadFixture('openai-chat', 'text');
    const file = readFileSync(path.join(FIXTURES_DIR, 'openai-chat', 'text.response.json'), 'utf8');
    expect(text.responseRaw).toBe(file);
    expect(text.response).toEqual(JSON.parse(file));
    expect(text.meta.http?.status).toBe(200);
    expect(loadFixture('openai-chat', 'text')).toBe(text);

    const stream = loadFixture('gemini', 'text-stream');
    expect(stream.streamKind).toBe('sse');
    expect(stream.streamRaw?.equals(readFileSync(path.join(FIXTURES_DIR, 'gemini', 'text-stream.stream.sse')))).toBe(true);
    expect(loadFixture('gemini', 'text-stream-json-array').streamKind).toBe('json-array');
    expect(loadFixture('openai-responses', 'error-in-stream-insufficient-quota').streamKind).toBe('jsonl');
    expect(() => loadFixture('gemini', 'no-such-case')).toThrow(/no fixture/);
  });
});

describe('splitSseEvents', () => {
  it('splits at LF LF and CRLF CRLF, keeping the terminators', () => {
    const lf = splitSseEvents(Buffer.from('event: a\ndata: 1\n\ndata: 2\n\n'));
    expect(lf.map(String)).toEqual(['event: a\ndata: 1\n\n', 'data: 2\n\n']);
    const crlf = splitSseEvents(Buffer.from('data: 1\r\n\r\ndata: 2\r\n\r\n'));
    expect(crlf.map(String)).toEqual(['data: 1\r\n\r\n', 'data: 2\r\n\r\n']);
  });

  it('keeps leading blank lines and an unterminated tail as pieces of the original', () => {
    const pieces = splitSseEvents(Buffer.from('\n: comment\n\ndata: x\r\n\ndata: tail'));
    expect(pieces.map(String)).toEqual(['\n: comment\n\n', 'data: x\r\n\n', 'data: tail']);
  });

  it('round-trips every recorded SSE stream byte for byte', () => {
    const streams = listFixtures().filter((f) => f.streamKind === 'sse');
    expect(streams.length).toBeGreaterThan(20);
    for (const fixture of streams) {
      const raw = fixture.streamRaw ?? Buffer.alloc(0);
      const events = splitSseEvents(raw);
      expect(Buffer.concat(events).equals(raw)).toBe(true);
      // Some Gemini function-call streams are a single event.
      expect(events.length).toBeGreaterThanOrEqual(fixture.name.startsWith('text') ? 3 : 1);
      for (const event of events) expect(event.toString()).toMatch(/(\r\n\r\n|\n\n)$/);
    }
  });
});

describe('splitJsonArrayElements', () => {
  it('yields one piece per array element of the recorded Gemini JSON-array stream', () => {
    const raw = loadFixture('gemini', 'text-stream-json-array').streamRaw ?? Buffer.alloc(0);
    const pieces = splitJsonArrayElements(raw);
    expect(Buffer.concat(pieces).equals(raw)).toBe(true);
    const elements = JSON.parse(raw.toString()) as unknown[];
    // Every element gets its own piece, plus the closing bracket.
    expect(pieces.length).toBe(elements.length + 1);
    pieces.slice(0, -1).forEach((piece, i) => {
      expect(JSON.parse(piece.toString().replace(/^\s*[[,]/, ''))).toEqual(elements[i]);
    });
  });

  it('ignores braces inside strings', () => {
    const pieces = splitJsonArrayElements(Buffer.from('[{"a":"}{\\"]"},{"b":[1,{"c":2}]}]'));
    expect(pieces.map(String)).toEqual(['[{"a":"}{\\"]"}', ',{"b":[1,{"c":2}]}', ']']);
  });
});
