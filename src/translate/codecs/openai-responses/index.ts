import type { Codec } from '../../codec.js';
import { decodeRequest } from './decode-request.js';
import { decodeResponse } from './decode-response.js';
import { encodeRequest } from './encode-request.js';
import { encodeResponse } from './encode-response.js';
import { decodeError, encodeError, encodeStreamError } from './errors.js';
import { createStreamDecoder } from './stream-decoder.js';
import { createStreamEncoder } from './stream-encoder.js';

export { RESPONSES_EXTRAS_KEY } from './extras.js';
export { createStreamEncoder, type ResponsesStreamEncoderOptions } from './stream-encoder.js';

/** The OpenAI Responses API wire format (`POST /v1/responses`, as Codex CLI uses it). */
export const openaiResponsesCodec: Codec = {
  format: 'openai-responses',
  decodeRequest,
  encodeRequest,
  decodeResponse,
  encodeResponse,
  createStreamDecoder,
  createStreamEncoder: (options) => createStreamEncoder(options),
  decodeError,
  encodeError,
  encodeStreamError: (error) => encodeStreamError(error),
};
