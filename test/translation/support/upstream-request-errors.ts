import { specValidator } from '../../../src/translate/codecs/anthropic-messages/test-support/spec-validator.js';
import { validateGeminiRequest } from '../../../src/translate/codecs/gemini/test-support/spec-validator.js';
import { openAiSchemaErrors } from '../../../src/translate/codecs/openai-chat/test-support/openai-schema.js';
import { specErrors } from '../../../src/translate/codecs/openai-responses/test-support/spec-validator.js';
import type { WireFormat } from '../../../src/translate/wire-format.js';
import type { RecordedRequest } from '../../support/mock-upstream.js';

/** Spec violations of the request body the gateway sent upstream (empty when valid). */
export function upstreamRequestErrors(format: WireFormat, request: RecordedRequest): unknown[] {
  switch (format) {
    case 'openai-chat':
      return openAiSchemaErrors('CreateChatCompletionRequest', request.json);
    case 'openai-responses':
      return specErrors('CreateResponse', request.json);
    case 'anthropic-messages':
      return specValidator('CreateMessageParams')(request.json);
    case 'gemini': {
      const model = /\/models\/([^:]+):/.exec(request.path)?.[1] ?? '';
      return validateGeminiRequest(request.json, decodeURIComponent(model));
    }
  }
}
