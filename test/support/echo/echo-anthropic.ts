import { JSON_HEADERS, SSE_HEADERS, type MockReply } from '../mock-reply.js';
import { splitEchoText, sseNamedEvent, type EchoInput } from './echo-input.js';

export function echoAnthropic(input: EchoInput): MockReply {
  const id = `msg_mock${input.serial}`;
  if (!input.stream) {
    const body = {
      model: input.model,
      id,
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: input.text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: input.promptTokens, output_tokens: input.completionTokens },
    };
    return { status: 200, headers: { ...JSON_HEADERS }, chunks: [JSON.stringify(body)], streamed: false };
  }

  const events = [
    sseNamedEvent('message_start', {
      type: 'message_start',
      message: {
        model: input.model,
        id,
        type: 'message',
        role: 'assistant',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: input.promptTokens, output_tokens: 1 },
      },
    }),
    sseNamedEvent('content_block_start', {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    }),
    sseNamedEvent('ping', { type: 'ping' }),
    ...splitEchoText(input.text).map((piece) =>
      sseNamedEvent('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: piece },
      }),
    ),
    sseNamedEvent('content_block_stop', { type: 'content_block_stop', index: 0 }),
    sseNamedEvent('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { input_tokens: input.promptTokens, output_tokens: input.completionTokens },
    }),
    sseNamedEvent('message_stop', { type: 'message_stop' }),
  ];
  return { status: 200, headers: { ...SSE_HEADERS }, chunks: events, streamed: true };
}
