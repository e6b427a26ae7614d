import type { CanonicalResponse } from '../../canonical/index.js';
import { encodeUsage } from '../openai-chat/usage.js';
import { finishFromStopReason } from './finish-reason.js';

/**
 * Canonical response → `text_completion`. Only text reaches the client: reasoning and tool calls
 * have no place in this format. A refusal is text too here (there is no `refusal` field).
 */
export function encodeResponse(response: CanonicalResponse): Record<string, unknown> {
  let text = '';
  for (const part of response.content) if (part.type === 'text') text += part.text;
  const body: Record<string, unknown> = {
    id: response.id,
    object: 'text_completion',
    created: response.created,
    model: response.model,
    choices: [{ text, index: 0, logprobs: null, finish_reason: finishFromStopReason(response.stopReason) }],
  };
  if (response.usage !== undefined) body.usage = encodeUsage(response.usage);
  return body;
}
