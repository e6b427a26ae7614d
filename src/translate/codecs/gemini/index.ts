import type { Codec } from '../../codec.js';
import { decodeError, encodeError, encodeStreamError } from './errors.js';
import { decodeRequest } from './decode-request.js';
import { decodeResponse } from './decode-response.js';
import { encodeRequest } from './encode-request.js';
import { encodeResponse } from './encode-response.js';
import { createStreamDecoder } from './stream-decoder.js';
import { createStreamEncoder } from './stream-encoder.js';

export const geminiCodec: Codec = {
  format: 'gemini',
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

export { toGeminiSchema, type GeminiSchemaResult, type GeminiSchemaOptions } from './convert-schema.js';
export { fromGeminiSchema } from './from-gemini-schema.js';
export { encodeGeminiRequest, type EncodedGeminiRequest } from './encode-request.js';
export { geminiRetryDelaySeconds } from './errors.js';
export {
  createJsonArrayStreamParser,
  createJsonArrayStreamEncoder,
  type JsonArrayStreamParser,
  type JsonArrayStreamEncoder,
} from './json-array-stream.js';
export { GeminiStreamDecoder } from './stream-decoder.js';
export { SKIP_THOUGHT_SIGNATURE_VALIDATOR } from './thought-signature.js';
export { isSyntheticCallId } from './tool-call-ids.js';
