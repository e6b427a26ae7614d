import type { CanonicalError, CanonicalStreamEvent } from '../../canonical/index.js';
import type { SseEvent } from '../../codec.js';
import { TranslationError } from '../../translation-error.js';
import { encodeStreamError } from './errors.js';
import { createStreamEncoder, type GeminiStreamEncoderOptions } from './stream-encoder.js';

/**
 * `streamGenerateContent` without `alt=sse` answers with ONE JSON array delivered incrementally:
 * `[{chunk}\r\n,\r\n{chunk}…]`. This parser yields each element as soon as its closing brace
 * arrives, scanning only the new text (string and escape state carried across pushes).
 */
export interface JsonArrayStreamParser {
  push(chunk: string): unknown[];
  /** True when the closing `]` was seen (the stream completed). */
  end(): boolean;
}

export function createJsonArrayStreamParser(): JsonArrayStreamParser {
  let state: 'before' | 'between' | 'element' | 'closed' = 'before';
  let element = '';
  let depth = 0;
  let inString = false;
  let escaped = false;

  const push = (chunk: string): unknown[] => {
    const out: unknown[] = [];
    for (const char of chunk) {
      if (state === 'closed') {
        if (!/\s/.test(char)) throw new TranslationError('data after the end of the JSON array', 'stream');
        continue;
      }
      if (state === 'before') {
        if (char === '[') state = 'between';
        else if (!/\s/.test(char)) throw new TranslationError('stream body is not a JSON array', 'stream');
        continue;
      }
      if (state === 'between') {
        if (char === ']') state = 'closed';
        else if (char === '{' || char === '[') {
          state = 'element';
          element = char;
          depth = 1;
        } else if (char !== ',' && !/\s/.test(char)) {
          throw new TranslationError(`unexpected "${char}" between stream array elements`, 'stream');
        }
        continue;
      }
      element += char;
      if (inString) {
        if (escaped) escaped = false;
        else if (char === '\\') escaped = true;
        else if (char === '"') inString = false;
      } else if (char === '"') inString = true;
      else if (char === '{' || char === '[') depth++;
      else if (char === '}' || char === ']') {
        depth--;
        if (depth === 0) {
          out.push(parseElement(element));
          element = '';
          state = 'between';
        }
      }
    }
    return out;
  };

  return { push, end: () => state === 'closed' };
}

function parseElement(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new TranslationError('stream array element is not valid JSON', 'stream');
  }
}

/**
 * The JSON-array counterpart of the SSE stream encoder (a separate writer rather than a
 * createStreamEncoder option, because its output is raw body text, not SSE events): the first
 * element opens the array, later ones are preceded by `,\r\n` as Google writes them, and `]` is
 * written only by `end(true)`, so a broken stream leaves the array visibly unterminated.
 */
export interface JsonArrayStreamEncoder {
  push(event: CanonicalStreamEvent): string;
  error(error: CanonicalError): string;
  end(complete: boolean): string;
}

export function createJsonArrayStreamEncoder(options: GeminiStreamEncoderOptions): JsonArrayStreamEncoder {
  const encoder = createStreamEncoder(options);
  let opened = false;
  const write = (events: SseEvent[]): string =>
    events
      .map((event) => {
        const prefix = opened ? ',\r\n' : '[';
        opened = true;
        return prefix + event.data;
      })
      .join('');
  return {
    push: (event) => write(encoder.push(event)),
    error: (error) => write(encodeStreamError(error)),
    end: (complete) => {
      const tail = write(encoder.end(complete));
      // A broken stream leaves the array open, so the client's parser fails instead of accepting it.
      if (!complete) return tail;
      return tail + (opened ? ']' : '[]');
    },
  };
}
