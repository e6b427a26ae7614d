import type { CanonicalUsage } from '../canonical/index.js';
import type { SseEvent } from '../codec.js';

export interface InspectedEvent {
  /** The event to send on, possibly rewritten; undefined drops it. */
  forward: SseEvent | undefined;
  /** The upstream reported an error in the stream: the raw payload, and the status it implies. */
  error?: { status: number; raw: string };
  /**
   * An opening event that says nothing yet (Anthropic `message_start`, Responses
   * `response.created`): held back with the preamble, so an error right after it can still fall over.
   */
  preamble?: boolean;
}

/**
 * Watches a same-format stream on its way through. Most events are forwarded without being
 * parsed: only those that can carry usage, an error or the end are looked into (DESIGN.md §3).
 */
export interface StreamInspector {
  inspect(event: SseEvent): InspectedEvent;
  usage(): CanonicalUsage | undefined;
  /** The upstream said the answer is complete. */
  finished(): boolean;
  /** Events that close a finished stream whose terminator the upstream left out. */
  closingEvents(): SseEvent[];
}

/** What the gateway needs to see in one format's traffic when it passes it through unchanged. */
export interface PassThroughInspector {
  /**
   * Matches stream text that may hold an event the inspector must see. Text that does not match is
   * forwarded as raw bytes without being parsed at all: most of a stream (content deltas).
   */
  attention: RegExp;
  /** Cheap textual clean-up of raw stream text that needs no parsing (applied to every event). */
  scrubRaw?(text: string): string;
  usageOfResponse(body: Record<string, unknown>): CanonicalUsage | undefined;
  /** Removes fields the format does not define that providers add (`x_groq`, `obfuscation`…); true if any went. */
  stripVendorFields(body: Record<string, unknown>): boolean;
  /** A 2xx body that is really an error report. */
  isErrorBody(body: Record<string, unknown>): boolean;
  createStreamInspector(options: { includeUsage: boolean }): StreamInspector;
}

export function parseJsonObject(data: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** For formats whose providers add nothing a strict client would reject. */
export function keepAllFields(): boolean {
  return false;
}
