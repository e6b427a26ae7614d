import type { CanonicalResponse, ReasoningPart, TextPart, ToolCallPart } from '../../canonical/index.js';
import { finishFromStopReason } from './stop-reason.js';
import { encodeUsage } from './usage.js';

/**
 * Canonical response → `chat.completion` for a client. Reasoning goes out as `reasoning_content`
 * (the field Cline/Roo and DeepSeek clients read); opaque state has no place here and is dropped.
 */
export function encodeResponse(response: CanonicalResponse): Record<string, unknown> {
  const texts = response.content.filter((part): part is TextPart => part.type === 'text');
  const calls = response.content.filter((part): part is ToolCallPart => part.type === 'tool_call');
  const reasoning = response.content
    .filter((part): part is ReasoningPart => part.type === 'reasoning' && part.text.length > 0)
    .map((part) => part.text);

  const text = texts.length > 0 ? texts.map((part) => part.text).join('') : null;
  const isRefusal = response.stopReason === 'refusal' && text !== null;
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: isRefusal ? null : text,
    refusal: isRefusal ? text : null,
  };
  if (reasoning.length > 0) message.reasoning_content = reasoning.join('\n\n');
  if (calls.length > 0) {
    message.tool_calls = calls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }

  const body: Record<string, unknown> = {
    id: response.id,
    object: 'chat.completion',
    created: response.created,
    model: response.model,
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: finishFromStopReason(response.stopReason, calls.length > 0),
      },
    ],
  };
  if (response.usage !== undefined) body.usage = encodeUsage(response.usage);
  return body;
}
