import type { MockStatusStep } from './mock-step.js';

export interface ChatDeltaOptions {
  model?: string;
  id?: string;
  finishReason?: string;
  /** Append the `choices: []` usage chunk OpenAI sends for `stream_options.include_usage`. */
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** End with `data: [DONE]` (default true); false imitates a stream that stops short. */
  done?: boolean;
}

/** OpenAI chat-completion SSE events (one string per event) carrying `texts` as content deltas. */
export function sseFromChatDeltas(texts: string[], opts: ChatDeltaOptions = {}): string[] {
  const id = opts.id ?? 'chatcmpl-mock';
  const model = opts.model ?? 'mock-model';
  const created = 1_700_000_000;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`;
  const delta = (value: Record<string, unknown>, finishReason: string | null): unknown => ({
    index: 0,
    delta: value,
    logprobs: null,
    finish_reason: finishReason,
  });

  const events = [
    chunk([delta({ role: 'assistant', content: '' }, null)]),
    ...texts.map((text) => chunk([delta({ content: text }, null)])),
    chunk([delta({}, opts.finishReason ?? 'stop')]),
  ];
  if (opts.usage) {
    const { prompt_tokens, completion_tokens } = opts.usage;
    events.push(chunk([], { usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens } }));
  }
  if (opts.done ?? true) events.push('data: [DONE]\n\n');
  return events;
}

/** A chat stream that starts well and then sends a truncated JSON payload and a non-JSON one. */
export function malformedSse(): string[] {
  return [
    ...sseFromChatDeltas(['ok'], { done: false }).slice(0, 2),
    'data: {"id":"chatcmpl-mock","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"bro\n\n',
    'data: this is not json\n\n',
    'data: [DONE]\n\n',
  ];
}

/** OpenAI's error envelope, e.g. `openAiError(429, 'Rate limit reached', 'requests', 'rate_limit_exceeded', { 'retry-after': '2' })`. */
export function openAiError(
  status: number,
  message: string,
  type = 'invalid_request_error',
  code: string | null = null,
  headers?: Record<string, string>,
): MockStatusStep {
  return { kind: 'status', status, body: { error: { message, type, param: null, code } }, ...(headers ? { headers } : {}) };
}

const ANTHROPIC_ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** Anthropic's error envelope; `type` defaults to the one Anthropic documents for the status. */
export function anthropicError(
  status: number,
  message: string,
  type: string = ANTHROPIC_ERROR_TYPES[status] ?? 'api_error',
  headers?: Record<string, string>,
): MockStatusStep {
  return {
    kind: 'status',
    status,
    body: { type: 'error', error: { type, message }, request_id: 'req_mock' },
    ...(headers ? { headers } : {}),
  };
}

const GOOGLE_STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** Google's `google.rpc.Status` error envelope as the Gemini API sends it. */
export function geminiError(
  status: number,
  message: string,
  statusName: string = GOOGLE_STATUS_NAMES[status] ?? 'UNKNOWN',
  headers?: Record<string, string>,
): MockStatusStep {
  return {
    kind: 'status',
    status,
    body: { error: { code: status, message, status: statusName } },
    ...(headers ? { headers } : {}),
  };
}
