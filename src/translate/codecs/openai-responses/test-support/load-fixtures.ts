// Test helper: reads the recorded openai-responses traffic in ../shared/fixtures.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SseEvent } from '../../../codec.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const FIXTURES_DIR = path.resolve(repoRoot, '../shared/fixtures/openai-responses');

export function fixtureCases(suffix: string): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length))
    .sort();
}

export function loadJson(file: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, file), 'utf8'));
}

/** SSE framing per the WHATWG spec: blank line ends an event; `data:` lines join with \n. */
export function loadSse(file: string): SseEvent[] {
  const text = readFileSync(path.join(FIXTURES_DIR, file), 'utf8');
  const events: SseEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push(event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') });
  }
  return events;
}

/** chunks.jsonl has payloads only; the event name is the payload's `type`. */
export function loadChunks(file: string): SseEvent[] {
  return readFileSync(path.join(FIXTURES_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ event: (JSON.parse(line) as { type: string }).type, data: line }));
}

export function sseJson(events: SseEvent[]): Array<Record<string, unknown>> {
  return events.map((event) => JSON.parse(event.data) as Record<string, unknown>);
}
