import { JSON_HEADERS, SSE_HEADERS, type MockReply } from '../mock-reply.js';
import { splitEchoText, sseNamedEvent, type EchoInput } from './echo-input.js';

export function echoOpenAiResponses(input: EchoInput): MockReply {
  const id = `resp_mock${input.serial}`;
  const itemId = `msg_mock${input.serial}`;
  const usage = {
    input_tokens: input.promptTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: input.completionTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input.promptTokens + input.completionTokens,
  };
  const textPart = (text: string): Record<string, unknown> => ({ type: 'output_text', annotations: [], logprobs: [], text });
  const messageItem = (status: string, content: unknown[]): Record<string, unknown> => ({
    id: itemId,
    type: 'message',
    status,
    content,
    role: 'assistant',
  });
  const response = (status: string, output: unknown[], withUsage: boolean): Record<string, unknown> => ({
    id,
    object: 'response',
    created_at: input.created,
    status,
    error: null,
    incomplete_details: null,
    model: input.model,
    output,
    parallel_tool_calls: true,
    usage: withUsage ? usage : null,
  });
  const completed = response('completed', [messageItem('completed', [textPart(input.text)])], true);

  if (!input.stream) {
    return { status: 200, headers: { ...JSON_HEADERS }, chunks: [JSON.stringify(completed)], streamed: false };
  }

  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>): string =>
    sseNamedEvent(type, { type, sequence_number: sequence++, ...fields });
  const located = { item_id: itemId, output_index: 0, content_index: 0 };
  const events = [
    event('response.created', { response: response('in_progress', [], false) }),
    event('response.in_progress', { response: response('in_progress', [], false) }),
    event('response.output_item.added', { output_index: 0, item: messageItem('in_progress', []) }),
    event('response.content_part.added', { ...located, part: textPart('') }),
    ...splitEchoText(input.text).map((delta) => event('response.output_text.delta', { ...located, delta, logprobs: [] })),
    event('response.output_text.done', { ...located, text: input.text, logprobs: [] }),
    event('response.content_part.done', { ...located, part: textPart(input.text) }),
    event('response.output_item.done', { output_index: 0, item: messageItem('completed', [textPart(input.text)]) }),
    event('response.completed', { response: completed }),
  ];
  return { status: 200, headers: { ...SSE_HEADERS }, chunks: events, streamed: true };
}
