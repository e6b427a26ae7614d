import type { RequestLogInput, RequestLogRow } from '../../store/repositories/request-log-repository.js';

export const LOG_BASE_TIME = 1_760_000_000_000;

/** The columns a `RequestLogInput` must name. */
type RequiredLogKey = { [K in keyof RequestLogInput]-?: object extends Pick<RequestLogInput, K> ? never : K }[keyof RequestLogInput];

/** What the repository stores for every column a `RequestLogInput` may leave out. */
export const OMITTED_LOG_COLUMNS = {
  provider: null,
  modelUsed: null,
  connectionId: null,
  errorCode: null,
  errorMessage: null,
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
  clientRequestId: null,
} satisfies Omit<RequestLogRow, RequiredLogKey>;

/** A request log naming only the columns every log must have; index decides id, createdAt, `stream` and latency. */
export function makeLogInput(index: number, overrides: Partial<RequestLogInput> = {}): RequestLogInput {
  return {
    id: `req_${String(index).padStart(6, '0')}`,
    createdAt: LOG_BASE_TIME + index,
    clientFormat: 'openai-chat',
    endpoint: '/v1/chat/completions',
    modelRequested: 'gpt-5',
    provider: 'openai',
    status: 200,
    stream: index % 2 === 1,
    latencyMs: 100 + index,
    ...overrides,
  };
}

/** `makeLogInput` as the repository reads it back: the optional columns empty. */
export function makeLog(index: number, overrides: Partial<RequestLogRow> = {}): RequestLogRow {
  return { ...OMITTED_LOG_COLUMNS, ...makeLogInput(index), ...overrides };
}

export function makeLogs(from: number, count: number): RequestLogRow[] {
  return Array.from({ length: count }, (_, offset) => makeLog(from + offset));
}

/**
 * A log with every column set to something other than its default, for round trips; each test
 * adds the outcome it is about (status, error, cost, attempts, targets).
 */
export function makeFilledLog(outcome: Pick<RequestLogRow, 'createdAt' | 'status' | 'errorCode' | 'errorMessage' | 'attempts' | 'costUsd' | 'unpriced' | 'errorClass' | 'targets'>): RequestLogRow {
  return {
    id: 'req_full',
    clientRequestId: 'client-42',
    clientFormat: 'anthropic-messages',
    endpoint: '/v1/messages',
    modelRequested: 'coding',
    provider: 'anthropic',
    modelUsed: 'claude-sonnet-4-5',
    connectionId: 'conn_1',
    stream: true,
    latencyMs: 2_345,
    ttfbMs: 310,
    inputTokens: 1_200,
    outputTokens: 456,
    cachedTokens: 1_000,
    cacheWriteTokens: 50,
    reasoningTokens: 128,
    usageEstimated: true,
    apiKeyId: 'key_1',
    combo: 'coding',
    ...outcome,
  };
}
