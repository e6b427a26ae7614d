import type { Codec } from '../../codec.js';
import { decodeRequest } from './decode-request.js';
import { decodeResponse } from './decode-response.js';
import { encodeRequest } from './encode-request.js';
import { encodeResponse } from './encode-response.js';
import { decodeError, encodeError, encodeStreamError } from './errors.js';
import { createStreamDecoder } from './stream-decoder.js';
import { createStreamEncoder } from './stream-encoder.js';

/** The Anthropic Messages API codec (`/v1/messages`, as Claude Code and the Anthropic SDKs speak it). */
export const anthropicMessagesCodec: Codec = {
  format: 'anthropic-messages',
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

export { decodeCountTokensRequest } from './decode-request.js';
export { anthropicErrorStatus, anthropicErrorType } from './errors.js';
export { DEFAULT_MAX_TOKENS, EFFORT_BUDGETS, MIN_THINKING_BUDGET } from './thinking-config.js';
