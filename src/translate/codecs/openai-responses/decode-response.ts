import type { CanonicalResponse, ContentPart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { decodeMessageContent } from './decode-content.js';
import { decodeFunctionCallItem, decodeReasoningItem } from './decode-items.js';
import { expectArray, expectObject, isObject, numberOrUndefined, stringOrUndefined } from '../../json-guards.js';
import { decodeStopReason } from './stop-reason.js';
import { decodeUsage } from './usage.js';

/** A Responses `Response` object → canonical. Built-in tool call items have no canonical form and are skipped. */
export function decodeResponse(body: unknown): CanonicalResponse {
  const root = expectObject(body, '$');
  const output = expectArray(root.output ?? [], 'output');
  const content: ContentPart[] = [];
  let hasFunctionCall = false;
  let hasRefusal = false;

  output.forEach((raw, i) => {
    const path = `output[${i}]`;
    if (!isObject(raw)) throw new TranslationError(`${path} must be an object`, path);
    switch (raw.type) {
      case 'message':
        if (Array.isArray(raw.content) && raw.content.some((part) => isObject(part) && part.type === 'refusal')) {
          hasRefusal = true;
        }
        content.push(...decodeMessageContent(raw.content ?? [], `${path}.content`));
        break;
      case 'reasoning':
        content.push(...decodeReasoningItem(raw, path));
        break;
      case 'function_call':
        hasFunctionCall = true;
        content.push(decodeFunctionCallItem(raw, path));
        break;
      default:
        break;
    }
  });

  const response: CanonicalResponse = {
    id: stringOrUndefined(root.id) ?? '',
    model: stringOrUndefined(root.model) ?? '',
    created: numberOrUndefined(root.created_at) ?? 0,
    content,
    stopReason: decodeStopReason({
      status: root.status,
      incompleteDetails: root.incomplete_details,
      hasFunctionCall,
      hasRefusal,
    }),
  };
  const usage = decodeUsage(root.usage);
  if (usage !== undefined) response.usage = usage;
  return response;
}
