import { invalidRequest } from '../../errors/gateway-error.js';
import { readBodyObject, readModelField } from '../client-protocols/read-body-object.js';

/**
 * Completions fields with no chat equivalent. Refused rather than dropped: a client asking for
 * them would silently get something else.
 */
const UNSUPPORTED: ReadonlyArray<[field: string, isSet: (value: unknown) => boolean, why: string]> = [
  ['suffix', (v) => typeof v === 'string' && v !== '', 'insertion (suffix) is not available through chat models'],
  ['echo', (v) => v === true, 'echo is not supported'],
  ['best_of', (v) => typeof v === 'number' && v > 1, 'best_of greater than 1 is not supported'],
  ['logprobs', (v) => v !== undefined && v !== null && v !== 0, 'logprobs are not supported on /v1/completions; use /v1/chat/completions'],
];

function promptText(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  if (Array.isArray(prompt) && prompt.length > 0 && prompt.every((p): p is string => typeof p === 'string')) {
    // Several prompts would be a batch on OpenAI; through a chat model they form one message.
    return prompt.join('\n');
  }
  throw invalidRequest('prompt must be a string or a non-empty array of strings (token arrays are not supported)', 'prompt');
}

/**
 * Legacy OpenAI Completions body → Chat Completions body: the prompt becomes one user message;
 * every other field (sampling, `n`, `stop`, `stream`, `stream_options`, `user`, unknown vendor
 * fields) carries over with the same name and meaning.
 */
export function toChatCompletionsBody(raw: unknown): Record<string, unknown> {
  const body = readBodyObject(raw);
  readModelField(body);
  for (const [field, isSet, why] of UNSUPPORTED) if (isSet(body[field])) throw invalidRequest(why, field);
  const { prompt, suffix: _suffix, echo: _echo, best_of: _bestOf, logprobs: _logprobs, ...rest } = body;
  return { ...rest, messages: [{ role: 'user', content: promptText(prompt) }] };
}
