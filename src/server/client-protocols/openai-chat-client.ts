import { invalidRequest } from '../../errors/gateway-error.js';
import type { ClientProtocol } from './client-protocol.js';
import { readBodyObject, readIncludeUsage, readModelField, readStreamField } from './read-body-object.js';

export const openAiChatClient: ClientProtocol = {
  format: 'openai-chat',
  readRequest(raw) {
    const body = readBodyObject(raw);
    const model = readModelField(body);
    if (!Array.isArray(body.messages) || body.messages.length === 0) throw invalidRequest('messages must be a non-empty array', 'messages');
    return { body, model, stream: readStreamField(body), includeUsage: readIncludeUsage(body) };
  },
  passThroughBody(request, upstreamModel) {
    // Usage is always requested upstream so accounting works; the usage chunk the client did not
    // ask for is removed on the way back (translate/passthrough/openai-chat-inspector.ts).
    if (request.stream) {
      const options = (request.body.stream_options as Record<string, unknown> | undefined) ?? {};
      return { ...request.body, model: upstreamModel, stream_options: { ...options, include_usage: true } };
    }
    return { ...request.body, model: upstreamModel };
  },
};
