import type { CanonicalRequest } from '../../canonical/index.js';
import { isObject } from '../../json-guards.js';

/**
 * `CanonicalRequest.extras` has no origin tag, and the other codecs write their own fields there
 * too. This codec therefore keeps everything under its own key, so an openai-chat encoder restores
 * only what an openai-chat client sent and never leaks another format's fields upstream.
 */
export const OPENAI_CHAT_EXTRAS_KEY = 'openai-chat';

export interface OpenAiChatExtras {
  /** Top-level request fields without canonical meaning (`n`, `logit_bias`, `metadata`, vendor fields…). */
  fields: Record<string, unknown>;
  /** The client limited output with `max_completion_tokens` rather than `max_tokens`. */
  maxTokensField?: 'max_completion_tokens';
}

export function readOpenAiChatExtras(request: CanonicalRequest): OpenAiChatExtras | undefined {
  const value = request.extras?.[OPENAI_CHAT_EXTRAS_KEY];
  if (!isObject(value) || !isObject(value.fields)) return undefined;
  const extras: OpenAiChatExtras = { fields: value.fields };
  if (value.maxTokensField === 'max_completion_tokens') extras.maxTokensField = 'max_completion_tokens';
  return extras;
}
