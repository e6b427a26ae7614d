import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { SseEvent } from '../translate/codec.js';

export type SseItem = { kind: 'event'; event: SseEvent } | { kind: 'comment'; text: string };

/**
 * Incremental SSE framing over decoded text (eventsource-parser does the spec's line rules: LF,
 * CR and CRLF endings, multi-line data, comments). Returns what each chunk completed.
 */
export function createSseReader(): { push(text: string): SseItem[]; end(): SseItem[] } {
  let out: SseItem[] = [];
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      out.push({ kind: 'event', event: message.event ? { event: message.event, data: message.data } : { data: message.data } });
    },
    onComment(comment: string) {
      out.push({ kind: 'comment', text: comment });
    },
  });
  return {
    push(text) {
      parser.feed(text);
      const items = out;
      out = [];
      return items;
    },
    end() {
      // A final event without its blank line is still dispatched by feeding the terminator.
      parser.feed('\n\n');
      const items = out;
      out = [];
      return items;
    },
  };
}

/** One SSE event on the wire. Multi-line data keeps one `data:` line per line, as the spec says. */
export function formatSseEvent(event: SseEvent): string {
  const data = event.data.includes('\n') ? event.data.split('\n').join('\ndata: ') : event.data;
  return event.event ? `event: ${event.event}\ndata: ${data}\n\n` : `data: ${data}\n\n`;
}

export function formatSseComment(text: string): string {
  return `:${text}\n\n`;
}
