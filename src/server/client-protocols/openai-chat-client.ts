import { invalidRequest } from '../../errors/gateway-error.js';
import type { ClientProtocol } from './client-protocol.js';
import { readBodyObject, readModelField, readStreamField } from './read-body-object.js';

export const openAiChatClient: ClientProtocol = {
  format: 'openai-chat',
  readRequest(raw) {
    const body = readBodyObject(raw);
    const model = readModelField(body);
    if (!Array.isArray(body.messages) || body.messages.length === 0) throw invalidRequest('messages must be a non-empty array', 'messages');
    const options = body.stream_options;
    if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) throw invalidRequest('stream_options must be an object', 'stream_options');
    const includeUsage = (options as { include_usage?: unknown } | null | undefined)?.include_usage === true;
    return { body, model, stream: readStreamField(body), includeUsage };
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
