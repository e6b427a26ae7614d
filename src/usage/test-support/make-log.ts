import type { RequestLogRow } from '../../store/repositories/request-log-repository.js';

const BASE = 1_760_000_000_000;

/** A request log with the optional columns empty; index decides id, createdAt and `stream`. */
export function makeLog(index: number, overrides: Partial<RequestLogRow> = {}): RequestLogRow {
  return {
    id: `req_${String(index).padStart(6, '0')}`,
    clientRequestId: null,
    createdAt: BASE + index,
    clientFormat: 'openai-chat',
    endpoint: '/v1/chat/completions',
    modelRequested: 'gpt-5',
    provider: 'openai',
    modelUsed: null,
    connectionId: null,
    status: 200,
    errorCode: null,
    errorMessage: null,
    stream: index % 2 === 1,
    latencyMs: 100 + index,
    ttfbMs: null,
    inputTokens: null,
    outputTokens: null,
    cachedTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    usageEstimated: false,
    attempts: 1,
    apiKeyId: null,
    combo: null,
    costUsd: null,
    unpriced: false,
    errorClass: null,
    targets: null,
    ...overrides,
  };
}

export function makeLogs(from: number, count: number): RequestLogRow[] {
  return Array.from({ length: count }, (_, offset) => makeLog(from + offset));
}
