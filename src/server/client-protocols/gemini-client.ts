import { invalidRequest } from '../../errors/gateway-error.js';
import type { ClientProtocol } from './client-protocol.js';
import { readBodyObject } from './read-body-object.js';

/** Gemini names the model and streaming in the URL (`models/{model}:streamGenerateContent`), not the body. */
export const geminiClient: ClientProtocol = {
  format: 'gemini',
  readRequest(raw, route) {
    const body = readBodyObject(raw);
    if (!route.model) throw invalidRequest('The model is missing from the URL: POST /v1beta/models/{model}:generateContent', 'model');
    if (!Array.isArray(body.contents)) throw invalidRequest('contents must be an array', 'contents');
    return { body, model: route.model, stream: route.stream === true, includeUsage: true };
  },
  passThroughBody(request) {
    return request.body;
  },
};
