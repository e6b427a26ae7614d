import type { GatewayError } from '../errors/gateway-error.js';
import type { CanonicalUsage } from '../translate/canonical/index.js';
import type { ClientFormat } from '../translate/wire-format.js';
import type { RequestAttempt, RequestLogRow } from '../store/repositories/request-log-repository.js';
import type { UsageEvidence } from '../usage/estimate-usage.js';

/** What one request did, filled in as it goes and written to the request log at the end. */
export interface RequestOutcome {
  id: string;
  /** The client's own x-request-id, when it sent a usable one. */
  clientRequestId?: string;
  startedAt: number;
  startedHr: number;
  clientFormat: ClientFormat;
  endpoint: string;
  modelRequested: string;
  provider?: string;
  modelUsed?: string;
  connectionId?: string;
  status: number;
  errorCode?: string;
  errorMessage?: string;
  /** The GatewayError code of the final failure. */
  errorClass?: string;
  /** A failure after the commit point: the stream ended with an error event (no fall-over). */
  failure?: GatewayError;
  stream: boolean;
  firstByteHr?: number;
  usage?: CanonicalUsage;
  attempts: number;
  /** Every upstream call made, in order. */
  targets: RequestAttempt[];
  combo?: string | undefined;
  /** observability: the answer sent, kept only while body capture is on (non-streamed answers). */
  response?: unknown;
  // usage: evidence kept for estimates, and what usage accounting settles (src/usage/usage-accounting.ts)
  usageEvidence?: UsageEvidence;
  usageEstimated?: boolean;
  costUsd?: number | null;
  unpriced?: boolean;
  /** The client API key that made the request (set by the access stage). */
  apiKeyId?: string;
}

export function startOutcome(id: string, clientFormat: ClientFormat, endpoint: string): RequestOutcome {
  return { id, startedAt: Date.now(), startedHr: performance.now(), clientFormat, endpoint, modelRequested: '', status: 0, stream: false, attempts: 0, targets: [] };
}

/** 499: the client closed the connection first (nginx's convention). */
export function recordClientClosed(outcome: RequestOutcome): void {
  outcome.status = 499;
  outcome.errorCode = 'client_closed_request';
  outcome.errorClass = 'client_closed_request';
}

/** The request failed with this error (before or after the commit point). */
export function recordFailure(outcome: RequestOutcome, failure: GatewayError): void {
  outcome.status = failure.status;
  outcome.errorCode = failure.upstreamCode ?? failure.code;
  outcome.errorClass = failure.code;
  outcome.errorMessage = failure.message;
  outcome.failure = failure;
}

export function outcomeToLogRow(outcome: RequestOutcome, endedHr: number): RequestLogRow {
  return {
    id: outcome.id,
    clientRequestId: outcome.clientRequestId ?? null,
    createdAt: outcome.startedAt,
    clientFormat: outcome.clientFormat,
    endpoint: outcome.endpoint,
    modelRequested: outcome.modelRequested,
    provider: outcome.provider ?? null,
    modelUsed: outcome.modelUsed ?? null,
    connectionId: outcome.connectionId ?? null,
    status: outcome.status,
    errorCode: outcome.errorCode ?? null,
    errorMessage: outcome.errorMessage ?? null,
    stream: outcome.stream,
    latencyMs: Math.round(endedHr - outcome.startedHr),
    ttfbMs: outcome.firstByteHr === undefined ? null : Math.round(outcome.firstByteHr - outcome.startedHr),
    inputTokens: outcome.usage?.inputTokens ?? null,
    outputTokens: outcome.usage?.outputTokens ?? null,
    cachedTokens: outcome.usage?.cachedInputTokens ?? null,
    cacheWriteTokens: outcome.usage?.cacheWriteTokens ?? null,
    reasoningTokens: outcome.usage?.reasoningTokens ?? null,
    usageEstimated: outcome.usageEstimated ?? false,
    attempts: Math.max(1, outcome.attempts),
    apiKeyId: outcome.apiKeyId ?? null,
    combo: outcome.combo ?? null,
    costUsd: outcome.costUsd ?? null,
    unpriced: outcome.unpriced ?? false,
    errorClass: outcome.errorClass ?? null,
    targets: outcome.targets.length > 0 ? outcome.targets : null,
  };
}
