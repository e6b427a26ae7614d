import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway-error.js';
import { classifyUpstreamError } from '../providers/classify-upstream-error.js';
import type { UpstreamTarget } from '../providers/provider-adapter.js';
import { resolveModel } from '../routing/resolve-model.js';
import { candidateCredentials, skipExhaustedConnections } from '../routing/select-credentials.js';
import { codecFor } from '../translate/codec-registry.js';
import { passThroughInspectorFor } from '../translate/passthrough/inspector-registry.js';
import { TranslationError } from '../translate/translation-error.js';
import type { WireFormat } from '../translate/wire-format.js';
import { classifyTransportError } from '../upstream/classify-transport-error.js';
import { sendUpstream, type UpstreamResponse } from '../upstream/send-upstream.js';
import type { ClientRequest } from './client-protocols/client-protocol.js';
import { clientProtocolFor } from './client-protocols/client-protocols.js';
import { sendError, toGatewayError } from './error-response.js';
import type { GatewayContext } from './gateway-context.js';
import { outcomeToLogRow, startOutcome, type RequestOutcome } from './request-outcome.js';
import { createClientStreamWriter } from './stream/client-stream-writer.js';
import { forwardPassThroughStream } from './stream/pass-through-stream.js';
import { forwardTranslatedStream } from './stream/translated-stream.js';
import { createStreamText } from '../usage/stream-text.js';

/** Where a generation call came in, in what format, and what its URL says. */
export interface GenerationRoute {
  format: WireFormat;
  endpoint: string;
  /** From the URL, for formats that put it there (Gemini). */
  model?: string;
  stream?: boolean;
  /** Gemini `streamGenerateContent` without `alt=sse`: one JSON array instead of SSE. */
  geminiJsonArray?: boolean;
}

/**
 * One generation call, stage by stage: access → routing → translate → provider → upstream →
 * back to the client → usage. Each stage lives in its own folder; this file only orders them.
 */
export async function handleGeneration(ctx: GatewayContext, request: FastifyRequest, reply: FastifyReply, route: GenerationRoute): Promise<void> {
  const outcome = startOutcome(request.id, route.format, route.endpoint);
  const abort = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) abort.abort();
  };
  reply.raw.once('close', onClose);

  try {
    if (ctx.lifecycle.shuttingDown) throw new GatewayError('shutting_down', 'The gateway is shutting down', { status: 503 });
    const clientRequest = clientProtocolFor(route.format).readRequest(request.body, route);
    outcome.modelRequested = clientRequest.model;
    outcome.stream = clientRequest.stream;
    // usage: evidence for estimates when the provider reports no usage (src/usage/estimate-usage.ts)
    outcome.usageEvidence = { requestBody: clientRequest.body };

    const { provider, model } = resolveModel(ctx.registry(), clientRequest.model);
    const targetFormat = provider.format!;
    outcome.provider = provider.id;
    outcome.modelUsed = model;
    // usage: budgets (key-level and this provider's) — 402 in the client's format when used up
    ctx.usage.enforceBudget({ apiKeyId: outcome.apiKeyId, provider: provider.id });
    // usage: accounts whose plan quota is used up are skipped until their reset (src/usage/quota-tracker.ts)
    const credentialsList = skipExhaustedConnections(candidateCredentials(ctx.registry(), provider), ctx.usage.quotas.exhaustedUntil, provider.id);
    const upstreamBody = buildUpstreamBody(route.format, targetFormat, clientRequest, model);

    for (const [index, credentials] of credentialsList.entries()) {
      outcome.attempts += 1;
      outcome.connectionId = credentials.connectionId;
      const target: UpstreamTarget = { provider, format: targetFormat, credentials, model };
      try {
        await attempt(ctx, request, reply, { route, target, clientRequest, upstreamBody, outcome, signal: abort.signal });
        return;
      } catch (error) {
        const failure = toGatewayError(error);
        if (abort.signal.aborted || !failure.fallover || index === credentialsList.length - 1) throw failure;
        ctx.logger.debug({ requestId: request.id, provider: provider.id, connection: credentials.connectionName, code: failure.code }, 'attempt failed, trying the next account');
      }
    }
  } catch (error) {
    if (abort.signal.aborted) {
      // 499: the client closed the connection first (nginx's convention).
      outcome.status = 499;
      outcome.errorCode = 'client_closed_request';
    } else {
      const failure = toGatewayError(error);
      if (failure.code === 'internal_error') ctx.logger.error({ err: failure.cause ?? failure, requestId: request.id }, 'unhandled error');
      outcome.status = failure.status;
      outcome.errorCode = failure.upstreamCode ?? failure.code;
      outcome.errorMessage = failure.message;
      if (!reply.sent && !reply.raw.headersSent) sendError(reply, failure, route.format);
    }
  } finally {
    reply.raw.off('close', onClose);
    // A stream the client closed returns without throwing: still a 499, not a status of 0.
    if (abort.signal.aborted && outcome.status === 0) Object.assign(outcome, { status: 499, errorCode: 'client_closed_request' });
    // usage: estimate missing usage, cost, budgets and quotas, then log (src/usage/usage-accounting.ts)
    const endedHr = performance.now();
    ctx.usage.account(outcome, (settled) => outcomeToLogRow(settled, endedHr), (row) => ctx.requestLog.record(row));
  }
}

/** Same format: the client's body with only the model changed. Otherwise through the canonical model. */
function buildUpstreamBody(clientFormat: WireFormat, targetFormat: WireFormat, request: ClientRequest, model: string): Record<string, unknown> {
  const protocol = clientProtocolFor(clientFormat);
  if (clientFormat === targetFormat) return protocol.passThroughBody(request, model);
  protocol.checkTranslatable?.(request);
  const canonical = codecFor(clientFormat).decodeRequest(request.body);
  canonical.model = model;
  canonical.stream = request.stream;
  canonical.streamIncludeUsage = request.includeUsage;
  return codecFor(targetFormat).encodeRequest(canonical, { model });
}

interface AttemptInput {
  route: GenerationRoute;
  target: UpstreamTarget;
  clientRequest: ClientRequest;
  upstreamBody: Record<string, unknown>;
  outcome: RequestOutcome;
  signal: AbortSignal;
}

async function attempt(ctx: GatewayContext, request: FastifyRequest, reply: FastifyReply, input: AttemptInput): Promise<void> {
  const { route, target, clientRequest, outcome } = input;
  const stream = clientRequest.stream;
  // usage: only the answering attempt's counts (a failed attempt may have sent opening counts)
  delete outcome.usage;
  const spec = ctx.adapterFor(target.provider).buildGenerateRequest(target, input.upstreamBody, { stream, clientHeaders: request.headers });
  const upstream = await sendUpstream(spec, { dispatcher: ctx.dispatchers.forProxy(target.credentials.proxyUrl), signal: input.signal, providerId: target.provider.id });
  if (upstream.status >= 400) await throwUpstreamError(upstream, target.provider.id);

  const headers = { 'x-omniroute-provider': target.provider.id, 'x-omniroute-model': target.model };
  const sameFormat = route.format === target.format && !route.geminiJsonArray;
  const isSse = String(upstream.headers['content-type'] ?? '').includes('text/event-stream');
  if (stream && isSse) {
    // usage: this attempt's upstream stream text, for an estimate (src/usage/estimate-usage.ts)
    if (outcome.usageEvidence) outcome.usageEvidence.stream = { format: target.format, text: createStreamText() };
    const common = { reply, upstream, outcome, providerId: target.provider.id, headers, signal: input.signal };
    if (sameFormat) {
      const inspector = passThroughInspectorFor(route.format);
      await forwardPassThroughStream({ ...common, format: route.format, attention: inspector.attention, scrubRaw: inspector.scrubRaw, inspector: inspector.createStreamInspector({ includeUsage: clientRequest.includeUsage }) });
    } else {
      const writer = createClientStreamWriter(route.format, { includeUsage: clientRequest.includeUsage, model: clientRequest.model, geminiJsonArray: route.geminiJsonArray === true });
      await forwardTranslatedStream({ ...common, decoder: codecFor(target.format).createStreamDecoder(), writer });
    }
    return;
  }

  const { raw, json } = await readJsonBody(upstream, target.provider.id);
  // Some providers report failures inside a 2xx body; never hand those to a client as success.
  if (passThroughInspectorFor(target.format).isErrorBody(json)) throw classifyUpstreamError({ status: 502, headers: upstream.headers, rawBody: raw.toString('utf8'), providerId: target.provider.id });
  if (stream) throw new GatewayError('upstream_protocol_error', `${target.provider.id} answered a streaming request with a non-streaming body`, { status: 502, fallover: true });

  outcome.status = 200;
  outcome.firstByteHr = performance.now();
  // usage: the answer, for an estimate if it carries no usage
  if (outcome.usageEvidence) outcome.usageEvidence.response = { format: target.format, body: json };
  if (sameFormat) {
    const inspector = passThroughInspectorFor(target.format);
    outcome.usage = inspector.usageOfResponse(json);
    // Re-serialised only when the provider added fields strict clients of the format reject.
    const body = inspector.stripVendorFields(json) ? JSON.stringify(json) : raw;
    void reply.code(200).headers(headers).header('content-type', String(upstream.headers['content-type'] ?? 'application/json')).send(body);
    return;
  }
  let translated: Record<string, unknown>;
  try {
    const canonical = codecFor(target.format).decodeResponse(json);
    outcome.usage = canonical.usage;
    translated = codecFor(route.format).encodeResponse({ ...canonical, model: clientRequest.model });
  } catch (error) {
    if (error instanceof TranslationError) throw new GatewayError('upstream_protocol_error', `${target.provider.id} answered with a body we cannot read: ${error.message}`, { status: 502, fallover: true, cause: error });
    throw error;
  }
  void reply.code(200).headers(headers).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(translated));
}

async function throwUpstreamError(upstream: UpstreamResponse, providerId: string): Promise<never> {
  let rawBody: string;
  try {
    rawBody = await upstream.body.text();
  } catch (error) {
    throw classifyTransportError(error, providerId, 'body');
  }
  throw classifyUpstreamError({ status: upstream.status, headers: upstream.headers, rawBody, providerId });
}

async function readJsonBody(upstream: UpstreamResponse, providerId: string): Promise<{ raw: Buffer; json: Record<string, unknown> }> {
  let raw: Buffer;
  try {
    raw = Buffer.from(await upstream.body.arrayBuffer());
  } catch (error) {
    throw classifyTransportError(error, providerId, 'body');
  }
  try {
    const json: unknown = JSON.parse(raw.toString('utf8'));
    if (json !== null && typeof json === 'object' && !Array.isArray(json)) return { raw, json: json as Record<string, unknown> };
  } catch {
    // handled below
  }
  throw new GatewayError('upstream_protocol_error', `${providerId} answered with a body that is not a JSON object`, { status: 502, fallover: true, cooldownScope: 'account' });
}
