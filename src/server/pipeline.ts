import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway-error.js';
import { classifyUpstreamError } from '../providers/classify-upstream-error.js';
import type { UpstreamTarget } from '../providers/provider-adapter.js';
import { resolveModel } from '../routing/resolve-model.js';
import { candidateCredentials } from '../routing/select-credentials.js';
import { decodeUsage } from '../translate/codecs/openai-chat/usage.js';
import { classifyTransportError } from '../upstream/classify-transport-error.js';
import { sendUpstream, type UpstreamResponse } from '../upstream/send-upstream.js';
import { sendError, toGatewayError } from './error-response.js';
import type { GatewayContext } from './gateway-context.js';
import { forwardOpenAiChatStream } from './openai-chat-stream.js';
import { outcomeToLogRow, startOutcome, type RequestOutcome } from './request-outcome.js';
import { validateChatBody, type ChatBody } from './validate-chat-body.js';

/**
 * One chat request, stage by stage: access → routing → (translate) → provider → upstream →
 * back to the client → usage. Each stage lives in its own folder; this file only orders them.
 */
export async function handleChatCompletion(ctx: GatewayContext, request: FastifyRequest, reply: FastifyReply, endpoint: string): Promise<void> {
  const outcome = startOutcome(request.id, 'openai-chat', endpoint);
  const abort = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) abort.abort();
  };
  reply.raw.once('close', onClose);

  try {
    if (ctx.lifecycle.shuttingDown) throw new GatewayError('shutting_down', 'The gateway is shutting down', { status: 503 });
    const body = validateChatBody(request.body);
    outcome.modelRequested = body.model;
    outcome.stream = body.stream === true;

    const { provider, model } = resolveModel(ctx.registry(), body.model);
    outcome.provider = provider.id;
    outcome.modelUsed = model;
    if (provider.format !== 'openai-chat') {
      throw new GatewayError('provider_unsupported', `Provider '${provider.id}' speaks ${provider.format}; translation from openai-chat is not available in this version`, { status: 400, param: 'model' });
    }
    const credentialsList = candidateCredentials(ctx.registry(), provider);
    const upstreamBody = buildUpstreamBody(body, model);

    for (const [index, credentials] of credentialsList.entries()) {
      outcome.attempts += 1;
      outcome.connectionId = credentials.connectionId;
      const target: UpstreamTarget = { provider, format: provider.format, credentials, model };
      try {
        await attempt(ctx, request, reply, { target, body, upstreamBody, outcome, signal: abort.signal });
        return;
      } catch (error) {
        const failure = toGatewayError(error);
        const isLast = index === credentialsList.length - 1;
        if (abort.signal.aborted || !failure.fallover || isLast) throw failure;
        ctx.logger.debug({ requestId: request.id, provider: provider.id, connection: credentials.connectionName, code: failure.code }, 'attempt failed, trying next account');
      }
    }
  } catch (error) {
    if (abort.signal.aborted) {
      // 499: the client closed the connection first (nginx's convention; nothing was sent).
      outcome.status = 499;
      outcome.errorCode = 'client_closed_request';
    } else {
      const failure = toGatewayError(error);
      if (failure.status >= 500 && failure.code === 'internal_error') ctx.logger.error({ err: failure.cause, requestId: request.id }, 'unhandled error');
      outcome.status = failure.status;
      outcome.errorCode = failure.upstreamCode ?? failure.code;
      outcome.errorMessage = failure.message;
      if (!reply.sent && !reply.raw.headersSent) sendError(reply, failure, 'openai-chat');
    }
  } finally {
    reply.raw.off('close', onClose);
    ctx.requestLog.record(outcomeToLogRow(outcome, performance.now()));
  }
}

function buildUpstreamBody(body: ChatBody, model: string): string {
  // Usage is always requested upstream so accounting works; the client only sees the usage
  // chunk if it asked for it (see openai-chat-stream.ts).
  if (body.stream === true) return JSON.stringify({ ...body, model, stream_options: { ...(body.stream_options ?? {}), include_usage: true } });
  return JSON.stringify({ ...body, model });
}

interface AttemptInput {
  target: UpstreamTarget;
  body: ChatBody;
  upstreamBody: string;
  outcome: RequestOutcome;
  signal: AbortSignal;
}

async function attempt(ctx: GatewayContext, request: FastifyRequest, reply: FastifyReply, input: AttemptInput): Promise<void> {
  const { target, body, outcome } = input;
  const stream = body.stream === true;
  const spec = ctx.adapterFor(target.provider).buildGenerateRequest(target, input.upstreamBody, { stream, clientHeaders: request.headers });
  const upstream = await sendUpstream(spec, {
    dispatcher: ctx.dispatchers.forProxy(target.credentials.proxyUrl),
    signal: input.signal,
    providerId: target.provider.id,
  });
  if (upstream.status >= 400) await throwUpstreamError(upstream, target.provider.id);

  const responseHeaders = { 'x-omniroute-provider': target.provider.id, 'x-omniroute-model': target.model };
  const contentType = String(upstream.headers['content-type'] ?? '');
  if (stream && contentType.includes('text/event-stream')) {
    await forwardOpenAiChatStream({
      reply,
      upstream,
      outcome,
      providerId: target.provider.id,
      responseHeaders,
      clientWantsUsage: body.stream_options?.include_usage === true,
      signal: input.signal,
    });
    return;
  }
  await forwardJson(reply, upstream, outcome, target.provider.id, responseHeaders, stream);
}


async function throwUpstreamError(upstream: UpstreamResponse, providerId: string): Promise<never> {
  let rawBody = '';
  try {
    rawBody = await upstream.body.text();
  } catch (error) {
    throw classifyTransportError(error, providerId, 'body');
  }
  throw classifyUpstreamError({ status: upstream.status, headers: upstream.headers, rawBody, providerId });
}

async function forwardJson(reply: FastifyReply, upstream: UpstreamResponse, outcome: RequestOutcome, providerId: string, headers: Record<string, string>, streamAsked: boolean): Promise<void> {
  let raw: Buffer;
  try {
    raw = Buffer.from(await upstream.body.arrayBuffer());
  } catch (error) {
    throw classifyTransportError(error, providerId, 'body');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new GatewayError('upstream_protocol_error', `${providerId} answered with a body that is not JSON`, { status: 502, fallover: true, cooldownScope: 'account' });
  }
  const object = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  // Some providers report failures inside a 200 body; never hand those to a client as success.
  if (object.error !== undefined && object.choices === undefined) {
    throw classifyUpstreamError({ status: 502, headers: upstream.headers, rawBody: raw.toString('utf8'), providerId });
  }
  if (streamAsked) {
    throw new GatewayError('upstream_protocol_error', `${providerId} answered a streaming request with a non-streaming body`, { status: 502, fallover: true });
  }
  outcome.usage = decodeUsage(object.usage);
  outcome.status = 200;
  outcome.firstByteHr = performance.now();
  void reply
    .code(200)
    .headers(headers)
    .header('content-type', String(upstream.headers['content-type'] ?? 'application/json'))
    .send(raw);
}
