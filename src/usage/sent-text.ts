/** Text kept per streamed request at most; what goes beyond is only counted (bytes). */
const DEFAULT_CAP_CHARS = 4 * 1024 * 1024;

/**
 * What a streaming client was actually sent, kept by reference (the strings already exist) so
 * that usage can be estimated at the end when the provider reported none or the client cancelled.
 * Nothing is parsed while the stream runs: the hot path only pushes a reference (DESIGN.md §3).
 */
export interface SentText {
  push(text: string): void;
  readonly chunks: readonly string[];
  /** Characters sent beyond the cap (not kept). */
  readonly overflowChars: number;
}

export function createSentText(capChars = DEFAULT_CAP_CHARS): SentText {
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
