/** What a synthetic echo answer needs to know about the request. */
export interface EchoInput {
  model: string;
  /** The assistant text to send, already prefixed with `echo: `. */
  text: string;
  promptTokens: number;
  completionTokens: number;
  stream: boolean;
  /** OpenAI chat: `stream_options.include_usage` was set. */
  includeUsage: boolean;
  /** Gemini streaming: `?alt=sse` (SSE) rather than the JSON-array body. */
  sse: boolean;
  /** Unique per reply, so ids differ between calls. */
  serial: number;
  /** Unix seconds. */
  created: number;
}

/**
 * Splits the echo text into a few deltas on word boundaries, so streamed
 * echoes exercise delta accumulation in clients (never more than four pieces).
 */
export function splitEchoText(text: string): string[] {
  const words = text.split(/(?<= )/);
  const pieceCount = Math.min(4, words.length);
  const perPiece = Math.ceil(words.length / pieceCount);
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += perPiece) pieces.push(words.slice(i, i + perPiece).join(''));
  return pieces.length > 0 ? pieces : [''];
}

export function sseData(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

export function sseNamedEvent(type: string, value: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(value)}\n\n`;
}
