import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalidRequest } from '../../errors/gateway-error.js';
import type { ClientFormat } from '../../translate/wire-format.js';
import type { GatewayContext } from '../gateway-context.js';
import { handleGeneration } from '../pipeline.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The client format of the route: errors are answered in it. */
    clientFormat?: ClientFormat;
  }
}

/** `models/{model}:{action}` — the model itself may contain slashes (`mock/text`). */
function parseGeminiTarget(path: string): { model: string; action: string } {
  const colon = path.lastIndexOf(':');
  if (colon <= 0) throw invalidRequest('Expected /v1beta/models/{model}:generateContent or :streamGenerateContent', 'model');
  const encoded = path.slice(0, colon);
  let model: string;
  try {
    model = decodeURIComponent(encoded);
  } catch {
    // A lone `%` (found by the fuzz test) is a bad name, not a gateway failure: keep it as written.
    model = encoded;
  }
  return { model, action: path.slice(colon + 1) };
}

export function registerGenerationRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  const post = (paths: string[], format: ClientFormat) => {
    for (const path of paths) {
      app.post(path, { config: { clientFormat: format } }, (request, reply) => handleGeneration(ctx, request, reply, { format, endpoint: path }));
    }
  };
  // Some clients are configured with the base URL without `/v1`; Codex uses `/responses`.
  post(['/v1/chat/completions', '/chat/completions'], 'openai-chat');
  post(['/v1/responses', '/responses'], 'openai-responses');
  post(['/v1/messages', '/messages'], 'anthropic-messages');
  post(['/v1/completions', '/completions'], 'openai-completions');

  const gemini = async (request: FastifyRequest<{ Params: { '*': string }; Querystring: { alt?: string } }>, reply: FastifyReply) => {
    const { model, action } = parseGeminiTarget(request.params['*']);
    if (action !== 'generateContent' && action !== 'streamGenerateContent') throw invalidRequest(`Unsupported Gemini method ':${action}'`, 'model');
    const stream = action === 'streamGenerateContent';
    await handleGeneration(ctx, request, reply, {
      format: 'gemini',
      endpoint: `/v1beta/models/:${action}`,
      model,
      stream,
      geminiJsonArray: stream && request.query.alt !== 'sse',
    });
  };
  for (const prefix of ['/v1beta/models/*', '/v1/models/*']) app.post(prefix, { config: { clientFormat: 'gemini' } }, gemini);
}
