import type { RequestLogInput } from '../../store/repositories/request-log-repository.js';

const BASE = 1_760_000_000_000;

/** A minimal request log; index decides id, createdAt and the alternating boolean. */
export function makeLog(index: number, overrides: Partial<RequestLogInput> = {}): RequestLogInput {
  return {
    id: `req_${String(index).padStart(6, '0')}`,
    createdAt: BASE + index,
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

export function makeLogs(from: number, count: number): RequestLogInput[] {
  return Array.from({ length: count }, (_, offset) => makeLog(from + offset));
}
