import type { CanonicalRequest } from '../../canonical/index.js';
import { expectObject, type JsonObject } from '../../json-guards.js';
import { TranslationError } from '../../translation-error.js';
import { decodeRequest as decodeChatRequest } from '../openai-chat/decode-request.js';

/**
 * Completions fields no upstream here can honour (they all answer through chat-style models).
 * Refused rather than dropped: a client asking for them would silently get something else.
 */
const UNSUPPORTED: ReadonlyArray<[field: string, isSet: (value: unknown) => boolean, why: string]> = [
  ['suffix', (v) => typeof v === 'string' && v !== '', 'insertion (suffix) is not available through chat models'],
  ['echo', (v) => v === true, 'echo is not supported'],
  ['best_of', (v) => typeof v === 'number' && v > 1, 'best_of greater than 1 is not supported'],
  ['logprobs', (v) => v !== undefined && v !== null && v !== 0, 'logprobs are not supported on /v1/completions; use /v1/chat/completions'],
];

/** Throws, naming the field, when the body asks for something the gateway cannot give. */
export function refuseUnsupportedFields(body: JsonObject): void {
  for (const [field, isSet, why] of UNSUPPORTED) if (isSet(body[field])) throw new TranslationError(why, field);
}

/** The prompt as one text: OpenAI would batch several prompts; a chat model gets them as one message. */
export function readPrompt(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  if (Array.isArray(prompt) && prompt.length > 0 && prompt.every((p): p is string => typeof p === 'string')) return prompt.join('\n');
  throw new TranslationError('prompt must be a string or a non-empty array of strings (token arrays are not supported)', 'prompt');
}

/**
 * A legacy Completions body → canonical request. The prompt becomes one user message; every
 * other field (sampling, `n`, `stop`, `stream_options`, `user`, unknown vendor fields) has the
 * same name and meaning as in Chat Completions, so the chat decoder reads them, and a chat
 * upstream receives the unknown ones as a chat client's would.
 */
export function decodeRequest(body: unknown): CanonicalRequest {
  const raw = expectObject(body, '');
  refuseUnsupportedFields(raw);
  const { prompt, suffix: _suffix, echo: _echo, best_of: _bestOf, logprobs: _logprobs, ...rest } = raw;
  return decodeChatRequest({ ...rest, messages: [{ role: 'user', content: readPrompt(prompt) }] });
}
