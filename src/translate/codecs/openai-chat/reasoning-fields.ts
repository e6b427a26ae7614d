import { isObject, type JsonObject } from '../../json-guards.js';

/**
 * Reasoning text from a message or delta, whichever vendor field carries it: DeepSeek
 * `reasoning_content`, OpenRouter/Groq `reasoning`, or OpenRouter `reasoning_details` entries.
 * OpenRouter sends `reasoning` and `reasoning_details` with the same text, so the first field
 * present wins rather than concatenating them.
 */
export function readReasoningText(source: JsonObject): string | undefined {
  if (typeof source.reasoning_content === 'string') return source.reasoning_content;
  if (typeof source.reasoning === 'string') return source.reasoning;
  if (!Array.isArray(source.reasoning_details)) return undefined;
  let text: string | undefined;
  for (const detail of source.reasoning_details) {
    if (!isObject(detail)) continue;
    const piece =
      typeof detail.text === 'string' ? detail.text : typeof detail.summary === 'string' ? detail.summary : undefined;
    if (piece !== undefined) text = (text ?? '') + piece;
  }
  return text;
}
