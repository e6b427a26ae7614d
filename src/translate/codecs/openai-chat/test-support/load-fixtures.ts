// Test helper: reads the recorded openai-chat traffic in ../shared/fixtures (never used at runtime).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createParser } from 'eventsource-parser';
import type { SseEvent } from '../../../codec.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const fixturesDir = path.resolve(repoRoot, '../shared/fixtures/openai-chat');

export interface FixtureCase {
  name: string;
  /** File kinds present: request.json, response.json, stream.sse, meta.json… */
  kinds: Set<string>;
  status: number | undefined;
}

export function listFixtureCases(): FixtureCase[] {
  const cases = new Map<string, Set<string>>();
  for (const file of readdirSync(fixturesDir)) {
    const dot = file.indexOf('.');
    if (dot < 0) continue;
    const name = file.slice(0, dot);
    const kinds = cases.get(name) ?? new Set<string>();
    kinds.add(file.slice(dot + 1));
    cases.set(name, kinds);
  }
  return [...cases.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, kinds]) => ({ name, kinds, status: kinds.has('meta.json') ? readStatus(name) : undefined }));
}

function readStatus(name: string): number | undefined {
  const meta = readFixtureJson(name, 'meta.json') as { http?: { status?: unknown } };
  return typeof meta.http?.status === 'number' ? meta.http.status : undefined;
}

export function readFixtureText(name: string, kind: string): string {
  return readFileSync(path.join(fixturesDir, `${name}.${kind}`), 'utf8');
}

export function readFixtureJson(name: string, kind: string): unknown {
  return JSON.parse(readFixtureText(name, kind)) as unknown;
}

/** Splits an SSE body into events with a spec-compliant parser (comments and blank lines dropped). */
export function parseSse(body: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createParser({
    onEvent(event) {
      events.push(event.event === undefined ? { data: event.data } : { event: event.event, data: event.data });
    },
  });
  parser.feed(body);
  return events;
}
