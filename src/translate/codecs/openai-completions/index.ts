import type { ClientCodec } from '../../codec.js';
import { encodeError, encodeStreamError } from '../openai-chat/errors.js';
import { decodeRequest } from './decode-request.js';
import { encodeResponse } from './encode-response.js';
import { createStreamEncoder } from './stream-encoder.js';

/**
 * Legacy OpenAI Completions (`/v1/completions`), for clients only: no upstream speaks it here, so
 * it has no request encoder or response decoder. Errors use OpenAI's error object, as chat does.
 */
export const openaiCompletionsCodec: ClientCodec = {
  format: 'openai-completions',
  decodeRequest,
  encodeResponse,
  createStreamEncoder,
  encodeError,
  encodeStreamError,
};

export { readPrompt, refuseUnsupportedFields } from './decode-request.js';
