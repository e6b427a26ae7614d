import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway-error.js';
import { classifyUpstreamError } from '../providers/classify-upstream-error.js';
import type { UpstreamTarget } from '../providers/provider-adapter.js';
import type { RoutedAttempt } from '../routing/router.js';
import { sessionKeyOf } from '../routing/session-key.js';
import type { RequestAttempt } from '../store/repositories/request-log-repository.js';
import type { CanonicalRequest } from '../translate/canonical/index.js';
import { openBudgetGate } from '../usage/budget-gate.js';
import { clientCodecFor, codecFor } from '../translate/codec-registry.js';
import { passThroughInspectorFor } from '../translate/passthrough/inspector-registry.js';
import { TranslationError } from '../translate/translation-error.js';
import type { ClientFormat, WireFormat } from '../translate/wire-format.js';
import { classifyTransportError } from '../upstream/classify-transport-error.js';
import { CancelSignal, type CancellationSignal } from '../upstream/cancel-signal.js';
import { sendUpstream, type UpstreamResponse } from '../upstream/send-upstream.js';
import type { ClientRequest } from './client-protocols/client-protocol.js';
import { clientProtocolFor } from './client-protocols/client-protocols.js';
import { clientRequestIdOf } from './client-request-id.js';
import { sendError, toGatewayError } from './error-response.js';
import type { GatewayContext } from './gateway-context.js';
import { ATTEMPTS_HEADER, attemptsHeader } from './attempts-header.js';
import { outcomeToLogRow, recordClientClosed, recordFailure, startOutcome, type RequestOutcome } from './request-outcome.js';
import { createClientStreamWriter } from './stream/client-stream-writer.js';
import { forwardPassThroughStream } from './stream/pass-through-stream.js';
import { forwardTranslatedStream } from './stream/translated-stream.js';
import { createStreamText } from '../usage/stream-text.js';

/** Where a generation call came in, in what format, and what its URL says. */
export interface GenerationRoute {
  format: ClientFormat;
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
  outcome.clientRequestId = clientRequestIdOf(request.headers);
  outcome.apiKeyId = ctx.access.apiKeyIdOf(request);
  const abort = new CancelSignal();
  // observability: the one live number a row cannot give, requests still being served.
  ctx.observability.metrics?.inFlight.inc();
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
    // access: the key's model scope and the prompt guard, once the model string is known.
    ctx.access.assertModelAllowed(request, clientRequest.model);
    ctx.access.screenPrompt(request, clientRequest.body);
    await routeAndServe(ctx, request, reply, { route, clientRequest, outcome, signal: abort });
  } catch (error) {
    if (abort.aborted) recordClientClosed(outcome);
    else {
      const failure = toGatewayError(error);
      if (failure.code === 'internal_error') ctx.logger.error({ err: failure.cause ?? failure, requestId: request.id }, 'unhandled error');
      recordFailure(outcome, failure);
      if (!reply.sent && !reply.raw.headersSent) {
        if (outcome.targets.length > 0) reply.header(ATTEMPTS_HEADER, attemptsHeader(outcome.targets));
        sendError(reply, failure, route.format);
      }
    }
  } finally {
    ctx.observability.metrics?.inFlight.dec();
    reply.raw.off('close', onClose);
    // A stream the client closed returns without throwing: still a 499, not a status of 0.
    if (abort.aborted && outcome.status === 0) recordClientClosed(outcome);
    // usage: estimate missing usage, cost, budgets and quotas, then log (src/usage/usage-accounting.ts)
    if (ctx.options.logging.requestLogs) {
      const endedHr = performance.now();
      ctx.usage.account(outcome, (settled) => outcomeToLogRow(settled, endedHr), (row) => ctx.requestLog.record(row));
    }
    // observability: body capture; a streamed answer is captured as the upstream's event stream.
    ctx.observability.capture?.(request.id, { request: request.body, response: outcome.response ?? outcome.usageEvidence?.stream?.text.chunks.join('') });
  }
}

interface ServeInput {
  route: GenerationRoute;
  clientRequest: ClientRequest;
  outcome: RequestOutcome;
  signal: CancellationSignal;
}

/**
 * The fall-over loop (DESIGN.md §3): targets in the order routing chose; a failure before the
 * commit point moves on when its class says so, after it the stream has already ended with the
 * client format's error event. A context-length error moves on only to a larger window.
 */
async function routeAndServe(ctx: GatewayContext, request: FastifyRequest, reply: FastifyReply, input: ServeInput): Promise<void> {
  const { route, clientRequest, outcome } = input;
  const { router } = ctx.routing;
  let sessionKey: string | undefined;
  const plan = router.plan({ requested: clientRequest.model, sessionKey: () => (sessionKey = sessionKeyOf(route.format, request.headers, clientRequest.body)) });
  outcome.combo = plan.combo;
  const budget = openBudgetGate({ budgets: ctx.usage.budgets, apiKeyId: outcome.apiKeyId, priceOf: ctx.routing.priceOf });
  const bodies = createUpstreamBodies(route.format, clientRequest);
  let lastFailure: GatewayError | undefined;
  let contextFloor: number | undefined;

  for (let target = plan.next(); target; target = plan.next()) {
    if (outcome.attempts >= plan.maxAttempts) break;
    if (contextFloor !== undefined && !((target.contextLength ?? 0) > contextFloor)) continue;
    const refusal = budget.refusal(target.provider.id, target.model);
    if (refusal) {
      lastFailure ??= refusal;
      continue;
    }
    const upstreamTarget: UpstreamTarget = { provider: target.provider, format: target.provider.format!, credentials: target.credentials, model: target.model };
    outcome.provider = target.provider.id;
    outcome.modelUsed = target.model;
    outcome.connectionId = target.credentials.connectionId;

    for (let retry = 0; ; retry += 1) {
      const startedHr = performance.now();
      outcome.attempts += 1;
      router.started(target);
      try {
        const upstreamBody = bodies.for(upstreamTarget.format, target.model);
        await attempt(ctx, request, reply, { ...input, target: upstreamTarget, upstreamBody, timeoutMs: target.timeoutMs });
        // Answered, or failed after the commit point (the stream already ended with an error event).
        const late = outcome.failure;
        outcome.targets.push(attemptRecord(target, late ? late.status : 200, late ? (late.upstreamCode ?? late.code) : null, startedHr));
        router.finished(target, late ? { error: late } : { sessionKey });
        return;
      } catch (error) {
        const failure = toGatewayError(error);
        outcome.targets.push(attemptRecord(target, input.signal.aborted ? 499 : failure.status, failure.upstreamCode ?? failure.code, startedHr));
        // A client that left says nothing about the target's health.
        router.finished(target, input.signal.aborted ? { aborted: true } : { error: failure });
        if (input.signal.aborted || reply.raw.headersSent) throw failure;
        lastFailure = failure;
        if (failure.retryable && retry < target.retries && outcome.attempts < plan.maxAttempts) continue;
        break;
      }
    }

    const failure = lastFailure!;
    if (failure.code === 'context_length_exceeded') {
      if (target.contextLength === undefined) throw failure;
      contextFloor = Math.max(contextFloor ?? 0, target.contextLength);
    } else if (!failure.fallover) throw failure;
    ctx.logger.debug({ requestId: request.id, provider: target.provider.id, connection: target.credentials.connectionName, code: failure.code }, 'attempt failed, trying the next target');
  }
  throw lastFailure ?? new GatewayError('no_target_available', `No target could serve '${clientRequest.model}'.`, { status: 503 });
}

function attemptRecord(target: RoutedAttempt, status: number, errorCode: string | null, startedHr: number): RequestAttempt {
  return {
    provider: target.provider.id,
    model: target.model,
    connectionId: target.credentials.connectionId ?? null,
    status,
    errorCode,
    latencyMs: Math.round(performance.now() - startedHr),
  };
}

/**
 * Upstream bodies per target format and model, built once each: a combo that falls over between
 * two targets of one format translates the request once.
 */
function createUpstreamBodies(clientFormat: ClientFormat, request: ClientRequest): { for(targetFormat: WireFormat, model: string): Record<string, unknown> } {
  const protocol = clientProtocolFor(clientFormat);
  let canonical: CanonicalRequest | undefined;
  const built = new Map<string, Record<string, unknown>>();
  return {
    for(targetFormat, model) {
      const key = `${targetFormat}\u0000${model}`;
      let body = built.get(key);
      if (body) return body;
      if (clientFormat === targetFormat && protocol.passThroughBody) body = protocol.passThroughBody(request, model);
      else {
        if (!canonical) {
          protocol.checkTranslatable?.(request);
          canonical = clientCodecFor(clientFormat).decodeRequest(request.body);
          canonical.stream = request.stream;
          canonical.streamIncludeUsage = request.includeUsage;
        }
        body = codecFor(targetFormat).encodeRequest({ ...canonical, model }, { model });
      }
      built.set(key, body);
      return body;
    },
  };
}

interface AttemptInput extends ServeInput {
  target: UpstreamTarget;
  upstreamBody: Record<string, unknown>;
  timeoutMs: number | undefined;
}

async function attempt(ctx: GatewayContext, request: FastifyRequest, reply: FastifyReply, input: AttemptInput): Promise<void> {
  const { route, target, clientRequest, outcome } = input;
  const stream = clientRequest.stream;
  // usage: only the answering attempt's counts (a failed attempt may have sent opening counts)
  delete outcome.usage;
  const spec = ctx.adapterFor(target.provider).buildGenerateRequest(target, input.upstreamBody, { stream, clientHeaders: request.headers });
  const upstream = await sendUpstream(spec, {
    dispatcher: ctx.dispatchers.forProxy(target.credentials.proxyUrl),
    signal: input.signal,
    providerId: target.provider.id,
    ...(input.timeoutMs === undefined ? {} : { headersTimeout: input.timeoutMs }),
  });
  if (upstream.status >= 400) await throwUpstreamError(upstream, target.provider.id);

  const headers = {
    'x-omniroute-provider': target.provider.id,
    'x-omniroute-model': target.model,
    [ATTEMPTS_HEADER]: attemptsHeader([...outcome.targets, { provider: target.provider.id, model: target.model, connectionId: null, status: 200, errorCode: null, latencyMs: 0 }]),
  };
  const sameFormat = route.format === target.format && !route.geminiJsonArray;
  const isSse = String(upstream.headers['content-type'] ?? '').includes('text/event-stream');
  if (stream && isSse) {
    // usage: this attempt's upstream stream text, for an estimate (src/usage/estimate-usage.ts)
    if (outcome.usageEvidence) outcome.usageEvidence.stream = { format: target.format, text: createStreamText() };
    const common = { reply, upstream, outcome, providerId: target.provider.id, headers, signal: input.signal };
    if (sameFormat) {
      const inspector = passThroughInspectorFor(target.format);
      await forwardPassThroughStream({ ...common, format: target.format, attention: inspector.attention, scrubRaw: inspector.scrubRaw, inspector: inspector.createStreamInspector({ includeUsage: clientRequest.includeUsage }) });
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
    if (ctx.observability.capture) outcome.response = json; // observability: body capture
    void reply.code(200).headers(headers).header('content-type', String(upstream.headers['content-type'] ?? 'application/json')).send(body);
    return;
  }
  let translated: Record<string, unknown>;
  try {
    const canonical = codecFor(target.format).decodeResponse(json);
    outcome.usage = canonical.usage;
    translated = clientCodecFor(route.format).encodeResponse({ ...canonical, model: clientRequest.model });
    if (ctx.observability.capture) outcome.response = translated; // observability: body capture
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
