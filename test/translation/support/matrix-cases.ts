import type { WireFormat } from '../../../src/translate/wire-format.js';
import { listFixtures, type FixtureCase } from '../../support/fixture-library.js';
import type { MockUpstream } from '../../support/mock-upstream.js';
import { fixtureStatus, jsonArrayElements } from './summarise-fixture.js';

export type CaseKind = 'success' | 'error' | 'stream-error';

/** One recording, read one way: streamed recordings with streaming calls, the rest without. */
export interface MatrixCase {
  fixture: FixtureCase;
  upstream: WireFormat;
  stream: boolean;
  kind: CaseKind;
  /** `anthropic-messages/thinking-stream` (+ ` (stream)` for error cases asked for a stream). */
  title: string;
}

/**
 * Every recording of every format. HTTP error recordings are asked for both ways (a streaming
 * request that fails before streaming gets a plain error too); a stream that fails midway only
 * streams.
 */
export function matrixCases(): MatrixCase[] {
  const cases: MatrixCase[] = [];
  for (const fixture of listFixtures()) {
    const base = { fixture, upstream: fixture.format, title: `${fixture.format}/${fixture.name}` };
    if (fixture.streamKind === 'jsonl') cases.push({ ...base, stream: true, kind: 'stream-error' });
    else if (fixtureStatus(fixture) >= 400) {
      cases.push({ ...base, stream: false, kind: 'error' }, { ...base, stream: true, kind: 'error', title: `${base.title} (stream)` });
    } else cases.push({ ...base, stream: fixture.streamRaw !== undefined, kind: 'success' });
  }
  return cases;
}

/**
 * The gateway always asks Gemini for SSE (`alt=sse`), so the recording of a JSON-array stream
 * (no `alt`) is replayed as the same chunks framed the way Gemini frames SSE.
 */
export function prepareUpstream(mock: MockUpstream, matrixCase: MatrixCase): void {
  const { fixture } = matrixCase;
  if (fixture.streamKind !== 'json-array') return;
  const events = jsonArrayElements(fixture.streamRaw!).map((element) => `data: ${JSON.stringify(element)}\r\n\r\n`);
  mock.enqueue({ kind: 'sse', events });
}
