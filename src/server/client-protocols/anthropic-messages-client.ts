import { invalidRequest } from '../../errors/gateway-error.js';
import type { ClientProtocol } from './client-protocol.js';
import { readBodyObject, readModelField, readStreamField } from './read-body-object.js';

export const anthropicMessagesClient: ClientProtocol = {
  format: 'anthropic-messages',
  readRequest(raw) {
    const body = readBodyObject(raw);
    const model = readModelField(body);
    if (!Array.isArray(body.messages)) throw invalidRequest('messages must be an array', 'messages');
    return { body, model, stream: readStreamField(body), includeUsage: true };
  },
  passThroughBody(request, upstreamModel) {
    // Unknown fields, cache_control and signatures survive: only `model` changes.
    return { ...request.body, model: upstreamModel };
  },
};
