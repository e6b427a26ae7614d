import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createParser } from 'eventsource-parser';
import type { SseEvent } from '../../../codec.js';

/**
 * Test helper: reads the shared recorded traffic (`../shared/fixtures` beside the repo) and the
 * published specs. Used only by this codec's tests.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const fixturesDir = path.resolve(repoRoot, '../shared/fixtures/anthropic-messages');
export const specsDir = path.resolve(repoRoot, '../shared/specs');

export interface FixtureCase {
  name: string;
  status: number;
  request?: unknown;
  response?: unknown;
  responseText?: string;
  stream?: string;
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export function listCases(): string[] {
  const names = readdirSync(fixturesDir)
    .filter((file) => file.endsWith('.meta.json'))
    .map((file) => file.slice(0, -'.meta.json'.length));
  return names.sort();
}

export function loadCase(name: string): FixtureCase {
  const base = path.join(fixturesDir, name);
  const meta = JSON.parse(readFileSync(`${base}.meta.json`, 'utf8')) as { http?: { status?: number } };
  const fixture: FixtureCase = { name, status: meta.http?.status ?? 0 };
  const request = readIfExists(`${base}.request.json`);
  if (request !== undefined) fixture.request = JSON.parse(request);
  const response = readIfExists(`${base}.response.json`);
  if (response !== undefined) {
    fixture.responseText = response;
    fixture.response = JSON.parse(response);
  }
  const stream = readIfExists(`${base}.stream.sse`);
  if (stream !== undefined) fixture.stream = stream;
  return fixture;
}

/** Splits an SSE body into events with the same parser the gateway's upstream layer can use. */
export function parseSse(body: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createParser({
    onEvent: (event) => {
      const parsed: SseEvent = { data: event.data };
      if (event.event !== undefined) parsed.event = event.event;
      events.push(parsed);
    },
  });
  parser.feed(body);
  return events;
}

/** Serialises SSE events the way the server writes them (`event:` + `data:` + blank line). */
export function formatSse(events: SseEvent[]): string {
  return events.map((event) => `${event.event !== undefined ? `event: ${event.event}\n` : ''}data: ${event.data}\n\n`).join('');
}
