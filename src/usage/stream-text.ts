/**
 * Text kept per streamed request at most (~250k tokens of output, more than any model's limit,
 * with framing); what goes beyond is only counted.
 */
const DEFAULT_CAP_CHARS = 1024 * 1024;

/**
 * The stream text an upstream sent (what it generated), kept by reference (the strings already
 * exist) so that usage can be estimated at the end when the provider reported none or the client
 * cancelled. Nothing is parsed while the stream runs: the hot path only pushes a reference
 * (DESIGN.md §3).
 */
export interface StreamText {
  push(text: string): void;
  readonly chunks: readonly string[];
  /** Characters sent beyond the cap (not kept). */
  readonly overflowChars: number;
}

export function createStreamText(capChars = DEFAULT_CAP_CHARS): StreamText {
  const chunks: string[] = [];
  let kept = 0;
  let overflowChars = 0;
  return {
    push(text) {
      if (!text) return;
      if (kept + text.length <= capChars) {
        chunks.push(text);
        kept += text.length;
      } else overflowChars += text.length;
    },
    get chunks() {
      return chunks;
    },
    get overflowChars() {
      return overflowChars;
    },
  };
}
