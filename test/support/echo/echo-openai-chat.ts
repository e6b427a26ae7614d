import { JSON_HEADERS, SSE_HEADERS, type MockReply } from '../mock-reply.js';
import { splitEchoText, sseData, type EchoInput } from './echo-input.js';

export function echoOpenAiChat(input: EchoInput): MockReply {
  const id = `chatcmpl-mock${input.serial}`;
  const usage = {
    prompt_tokens: input.promptTokens,
    completion_tokens: input.completionTokens,
    total_tokens: input.promptTokens + input.completionTokens,
  };
  if (!input.stream) {
    const body = {
      id,
      object: 'chat.completion',
      created: input.created,
      model: input.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: input.text, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage,
    };
    return { status: 200, headers: { ...JSON_HEADERS }, chunks: [JSON.stringify(body)], streamed: false };
  }

  const chunk = (delta: Record<string, unknown>, finishReason: string | null): string =>
    sseData({
      id,
      object: 'chat.completion.chunk',
      created: input.created,
      model: input.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(input.includeUsage ? { usage: null } : {}),
    });
  const events = [
    chunk({ role: 'assistant', content: '' }, null),
    ...splitEchoText(input.text).map((piece) => chunk({ content: piece }, null)),
    chunk({}, 'stop'),
  ];
  // OpenAI sends the usage chunk only when the client asked for it; mirror that exactly.
  if (input.includeUsage) {
    events.push(
      sseData({ id, object: 'chat.completion.chunk', created: input.created, model: input.model, choices: [], usage }),
    );
  }
  events.push('data: [DONE]\n\n');
  return { status: 200, headers: { ...SSE_HEADERS }, chunks: events, streamed: true };
}
