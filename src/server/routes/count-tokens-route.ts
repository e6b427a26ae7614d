import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../../errors/gateway-error.js';
import { classifyUpstreamError } from '../../providers/classify-upstream-error.js';
import type { UpstreamTarget } from '../../providers/provider-adapter.js';
import { candidateCredentials } from '../../routing/select-credentials.js';
import { decodeCountTokensRequest } from '../../translate/codecs/anthropic-messages/index.js';
import { classifyTransportError } from '../../upstream/classify-transport-error.js';
import { sendUpstream } from '../../upstream/send-upstream.js';
import { readBodyObject, readModelField } from '../client-protocols/read-body-object.js';
import type { GatewayContext } from '../gateway-context.js';
import { estimateInputTokens } from '../../usage/estimate-input-tokens.js';
import { loadTokenCounter } from '../../usage/token-counter.js';

/** Marks an answer computed by the gateway's tokenizer rather than by the provider. */
export const TOKEN_ESTIMATE_HEADER = 'x-omniroute-token-estimate';

/** The upstream has no counting endpoint: fall back to the estimate instead of failing. */
const NO_COUNT_ENDPOINT = new Set([404, 405]);

type CountResult = { kind: 'counted'; raw: Buffer; contentType: string } | { kind: 'unsupported' };

/**
 * Asks an Anthropic-format upstream to count, account after account like generation does.
 * `unsupported` when the adapter or the upstream has no endpoint for it.
 */
async function countUpstream(ctx: GatewayContext, request: FastifyRequest, targets: UpstreamTarget[], body: Record<string, unknown>, signal: AbortSignal): Promise<CountResult> {
  for (const [index, target] of targets.entries()) {
    const adapter = ctx.adapterFor(target.provider);
    const spec = adapter.buildCountTokensRequest?.(target, JSON.stringify({ ...body, model: target.model }), { clientHeaders: request.headers });
    if (!spec) return { kind: 'unsupported' };
    try {
      const upstream = await sendUpstream(spec, { dispatcher: ctx.dispatchers.forProxy(target.credentials.proxyUrl), signal, providerId: target.provider.id });
      let raw: Buffer;
      try {
        raw = Buffer.from(await upstream.body.arrayBuffer());
      } catch (error) {
        throw classifyTransportError(error, target.provider.id, 'body');
      }
      if (NO_COUNT_ENDPOINT.has(upstream.status)) return { kind: 'unsupported' };
      if (upstream.status >= 400) throw classifyUpstreamError({ status: upstream.status, headers: upstream.headers, rawBody: raw.toString('utf8'), providerId: target.provider.id });
      return { kind: 'counted', raw, contentType: String(upstream.headers['content-type'] ?? 'application/json') };
    } catch (error) {
      if (signal.aborted || !(error instanceof GatewayError) || !error.fallover || index === targets.length - 1) throw error;
    }
  }
  return { kind: 'unsupported' };
}

async function handleCountTokens(ctx: GatewayContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (ctx.lifecycle.shuttingDown) throw new GatewayError('shutting_down', 'The gateway is shutting down', { status: 503 });
  const body = readBodyObject(request.body);
  const requested = readModelField(body);
  // Validates the whole body (system-role entries in `messages` included) before anything is sent.
  const canonical = decodeCountTokensRequest(body);
  const { provider, model } = ctx.routing.router.primaryTarget(requested);
  const headers = { 'x-omniroute-provider': provider.id, 'x-omniroute-model': model };

  if (provider.format === 'anthropic-messages') {
    const targets = candidateCredentials(ctx.registry(), provider).map((credentials): UpstreamTarget => ({ provider, format: 'anthropic-messages', credentials, model }));
    const abort = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) abort.abort();
    };
    reply.raw.once('close', onClose);
    try {
      const result = await countUpstream(ctx, request, targets, body, abort.signal);
      if (result.kind === 'counted') {
        void reply.code(200).headers(headers).header('content-type', result.contentType).send(result.raw);
        return;
      }
    } finally {
      reply.raw.off('close', onClose);
    }
  }

  const count = await loadTokenCounter();
  void reply
    .code(200)
    .headers({ ...headers, [TOKEN_ESTIMATE_HEADER]: 'true' })
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ input_tokens: estimateInputTokens(canonical, count) }));
}

/** Anthropic `POST /v1/messages/count_tokens`: the provider's count when it has one, else a marked estimate. */
export function registerCountTokensRoute(app: FastifyInstance, ctx: GatewayContext): void {
  for (const path of ['/v1/messages/count_tokens', '/messages/count_tokens']) {
    app.post(path, { config: { clientFormat: 'anthropic-messages' } }, (request, reply) => handleCountTokens(ctx, request, reply));
  }
}
