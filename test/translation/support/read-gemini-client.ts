import type { ClientReading } from './semantic-summary.js';
import { summariseGeminiChunks } from './summarise-gemini.js';

/** One response or the streamed chunks, as the SDK parsed them. */
export function readGeminiChunks(chunks: unknown[]): ClientReading {
  const summary = summariseGeminiChunks(chunks);
  const stop = (chunks as any[]).map((chunk) => chunk.candidates?.[0]?.finishReason).findLast((reason) => typeof reason === 'string') ?? null;
  const reading: ClientReading = { text: summary.text, reasoning: summary.reasoning, toolCalls: summary.toolCalls, stop };
  if (summary.usage) reading.usage = summary.usage;
  return reading;
}

/** The SDK's message carries the Gemini error body as JSON text (after `got status: …. ` in streams). */
export function geminiErrorMessage(message: string): string | undefined {
  const start = message.indexOf('{');
  if (start === -1) return undefined;
  const body = JSON.parse(message.slice(start)) as { error?: { message?: string } };
  return body.error?.message;
}

/** The wire body without what the SDK adds (`sdkHttpResponse`) or leaves undefined. */
export function wireShape(response: unknown): unknown {
  const { sdkHttpResponse: _ignored, ...rest } = JSON.parse(JSON.stringify(response)) as Record<string, unknown>;
  return rest;
}
