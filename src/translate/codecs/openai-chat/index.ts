import type { Codec } from '../../codec.js';
import { decodeRequest } from './decode-request.js';
import { decodeResponse } from './decode-response.js';
import { encodeRequest } from './encode-request.js';
import { encodeResponse } from './encode-response.js';
import { decodeError, encodeError, encodeStreamError } from './errors.js';
import { createStreamDecoder } from './stream-decoder.js';
import { createStreamEncoder } from './stream-encoder.js';

/** OpenAI Chat Completions (`/v1/chat/completions`) and the many OpenAI-compatible upstreams. */
export const openaiChatCodec: Codec = {
  format: 'openai-chat',
  decodeRequest,
  encodeRequest,
  decodeResponse,
  encodeResponse,
  createStreamDecoder,
  createStreamEncoder,
  decodeError,
  encodeError,
  encodeStreamError,
};

export { extractThinkTags, ThinkTagSplitter } from './think-tag-splitter.js';
export { OPENAI_CHAT_EXTRAS_KEY, type OpenAiChatExtras } from './extras.js';
