import type { CanonicalResponse, ContentPart, StopReason } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { expectArray, expectObject, isObject, joinPath, numberOrUndefined, stringOrUndefined } from '../../json-guards.js';
import { readReasoningText } from './reasoning-fields.js';
import { stopReasonFromFinish } from './stop-reason.js';
import { extractThinkTags } from './think-tag-splitter.js';
import { decodeUsage } from './usage.js';

/** A `chat.completion` body (OpenAI or a compatible vendor) → canonical response. Only choice 0 is read. */
export function decodeResponse(body: unknown): CanonicalResponse {
  const raw = expectObject(body, '');
  const choices = raw.choices === undefined || raw.choices === null ? [] : expectArray(raw.choices, 'choices');
  const choice = choices.length > 0 ? expectObject(choices[0], 'choices[0]') : undefined;
  const message = choice === undefined ? {} : expectObject(choice.message ?? {}, 'choices[0].message');

  const content: ContentPart[] = [];
  const reasoning = readReasoningText(message);
  if (reasoning) content.push({ type: 'reasoning', text: reasoning });

  const text = readContentText(message.content, 'choices[0].message.content');
  if (text) {
    // Raw R1-style output keeps its reasoning inline; a separate reasoning field takes precedence.
    const split = reasoning ? { text } : extractThinkTags(text);
    if (split.reasoning) content.push({ type: 'reasoning', text: split.reasoning });
    if (split.text) content.push({ type: 'text', text: split.text });
  }
  const refusal = stringOrUndefined(message.refusal);
  if (refusal) content.push({ type: 'text', text: refusal });

  if (Array.isArray(message.tool_calls)) {
    message.tool_calls.forEach((call, index) => {
      content.push(decodeToolCall(call, joinPath('choices[0].message.tool_calls', index), index));
    });
  } else if (isObject(message.function_call)) {
    content.push(decodeToolCall({ function: message.function_call }, 'choices[0].message.function_call', 0));
  }

  const hasToolCalls = content.some((part) => part.type === 'tool_call');
  let stopReason: StopReason = stopReasonFromFinish(choice?.finish_reason, hasToolCalls);
  if (refusal && stopReason === 'end_turn') stopReason = 'refusal';

  const response: CanonicalResponse = {
    id: stringOrUndefined(raw.id) ?? '',
    model: stringOrUndefined(raw.model) ?? '',
    created: numberOrUndefined(raw.created) ?? 0,
    content,
    stopReason,
  };
  const usage = decodeUsage(raw.usage);
  if (usage !== undefined) response.usage = usage;
  return response;
}

/** Content is a string for OpenAI; a few compatible servers return an array of text parts. */
function readContentText(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) throw new TranslationError(`${path} must be a string or null`, path);
  return value
    .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

function decodeToolCall(raw: unknown, path: string, position: number): ContentPart {
  const call = expectObject(raw, path);
  const fn = expectObject(call.function, joinPath(path, 'function'));
  const name = stringOrUndefined(fn.name);
  if (name === undefined) throw new TranslationError(`${path}.function.name must be a string`, joinPath(path, 'function.name'));
  const args = fn.arguments;
  return {
    type: 'tool_call',
    // A legacy function_call has no id; the synthetic one only needs to be unique in this turn.
    id: stringOrUndefined(call.id) || `call_${position}`,
    name,
    arguments: typeof args === 'string' ? args : args === undefined || args === null ? '{}' : JSON.stringify(args),
  };
}
