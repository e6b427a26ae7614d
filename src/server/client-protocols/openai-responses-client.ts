import { invalidRequest } from '../../errors/gateway-error.js';
import type { ClientProtocol } from './client-protocol.js';
import { readBodyObject, readModelField, readStreamField } from './read-body-object.js';

export const openAiResponsesClient: ClientProtocol = {
  format: 'openai-responses',
  readRequest(raw) {
    const body = readBodyObject(raw);
    const model = readModelField(body);
    if (typeof body.input !== 'string' && !Array.isArray(body.input)) throw invalidRequest('input must be a string or an array of items', 'input');
    return { body, model, stream: readStreamField(body), includeUsage: true };
  },
  passThroughBody(request, upstreamModel) {
    return { ...request.body, model: upstreamModel };
  },
  checkTranslatable(request) {
    // The gateway keeps no responses: only a Responses upstream can resolve the id.
    if (request.body.previous_response_id !== undefined && request.body.previous_response_id !== null) {
      throw invalidRequest(
        'previous_response_id works only with models whose provider speaks the Responses API (OmniRoute does not store responses); send the whole conversation in input instead',
        'previous_response_id',
      );
    }
  },
};
