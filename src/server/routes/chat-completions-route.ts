import type { FastifyInstance } from 'fastify';
import type { GatewayContext } from '../gateway-context.js';
import { handleChatCompletion } from '../pipeline.js';

export function registerChatCompletionsRoute(app: FastifyInstance, ctx: GatewayContext): void {
  // Some clients are configured with the base URL without `/v1`.
  for (const path of ['/v1/chat/completions', '/chat/completions']) {
    app.post(path, (request, reply) => handleChatCompletion(ctx, request, reply, path));
  }
}
