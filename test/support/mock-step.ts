import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { FixtureFormat } from './fixture-library.js';

export interface RecordedRequest {
  method: string;
  /** Path including the query string. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
  /** `Date.now()` when the body was fully received. */
  receivedAt: number;
}

/** Replay a named recording whatever the request's model or path. */
export interface MockFixtureStep {
  kind: 'fixture';
  format: FixtureFormat;
  name: string;
  eventDelayMs?: number;
  headerDelayMs?: number;
}

/** A complete response with any status, e.g. 429 + `retry-after`, 503, or 200 with an error body. */
export interface MockStatusStep {
  kind: 'status';
  status: number;
  /** Objects are sent as JSON; content-type defaults to application/json. */
  body?: string | object;
  headers?: Record<string, string>;
}

/** Raw SSE event strings, written one `write` each; the mock adds no framing. */
export interface MockSseStep {
  kind: 'sse';
  events: string[];
  eventDelayMs?: number;
  /** end: finish normally; cut: destroy the socket after the events; stall: keep it open until close(). */
  then?: 'end' | 'cut' | 'stall';
  status?: number;
  /** Defaults to `content-type: text/event-stream`. */
  headers?: Record<string, string>;
}

/** Destroy the connection (TCP RST) without sending anything. */
export interface MockResetStep {
  kind: 'reset';
}

/** Read the request and never answer (released by close()). */
export interface MockStallStep {
  kind: 'stall';
}

export interface MockDelayStep {
  kind: 'delay';
  ms: number;
  then: MockStep;
}

export interface MockHandlerStep {
  kind: 'handler';
  handle: (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;
}

export type MockStep =
  | MockFixtureStep
  | MockStatusStep
  | MockSseStep
  | MockResetStep
  | MockStallStep
  | MockDelayStep
  | MockHandlerStep;
