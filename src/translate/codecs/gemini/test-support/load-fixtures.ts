import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SseEvent } from '../../../codec.js';

/** Test helper: reads the recorded Gemini traffic in ../shared/fixtures (relative to the repo root). */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const fixturesDir = path.resolve(repoRoot, '../shared/fixtures/gemini');
export const specsDir = path.resolve(repoRoot, '../shared/specs');

export function fixtureCases(kind: 'request.json' | 'response.json' | 'stream.sse' | 'stream.json'): string[] {
  return readdirSync(fixturesDir)
    .filter((name) => name.endsWith(`.${kind}`))
    .map((name) => name.slice(0, -(kind.length + 1)))
    .sort();
}

export function readFixtureText(name: string): string {
  return readFileSync(path.join(fixturesDir, name), 'utf8');
}

export function readFixtureJson(name: string): unknown {
  return JSON.parse(readFixtureText(name)) as unknown;
}

export function fixtureStatus(caseName: string): number {
  const meta = readFixtureJson(`${caseName}.meta.json`) as { http?: { status?: number } };
  return meta.http?.status ?? 0;
}

/** Minimal SSE framing (the gateway's real parser is elsewhere): blank-line separated, CRLF or LF. */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const data: string[] = [];
    let name: string | undefined;
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      else if (line.startsWith('event:')) name = line.slice(6).trim();
    }
    if (data.length > 0) events.push(name === undefined ? { data: data.join('\n') } : { event: name, data: data.join('\n') });
  }
  return events;
}
