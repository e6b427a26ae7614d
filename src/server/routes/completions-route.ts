import type { FastifyInstance } from 'fastify';
import type { GatewayContext } from '../gateway-context.js';
import { handleGeneration } from '../pipeline.js';
import { createCompletionsReply } from './completions-reply.js';
import { toChatCompletionsBody } from './completions-request.js';

/**
 * Legacy OpenAI Completions (`POST /v1/completions`), served by the chat pipeline: the body is
 * rewritten to a chat body, the call runs as an OpenAI-chat call (any upstream, same fallback and
 * logging), and the answer is rewritten back (see completions-reply.ts). Errors need no rewrite:
 * both APIs use the same OpenAI error object.
 */
export function registerCompletionsRoute(app: FastifyInstance, ctx: GatewayContext): void {
  for (const path of ['/v1/completions', '/completions']) {
    app.post(path, { config: { clientFormat: 'openai-chat' } }, async (request, reply) => {
      request.body = toChatCompletionsBody(request.body);
      await handleGeneration(ctx, request, createCompletionsReply(reply), { format: 'openai-chat', endpoint: path });
    });
  }
}
