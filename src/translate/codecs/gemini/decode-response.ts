import type { CanonicalResponse, ContentPart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { decodePart } from './decode-part.js';
import { decodeFinishReason } from './finish-reason.js';
import { field, isObject, optionalArray, optionalObject, optionalString, type JsonObject } from './json-access.js';
import { synthesizeCallId } from './tool-call-ids.js';
import { decodeUsage } from './usage.js';

/**
 * GenerateContentResponse → canonical. Only candidate 0 is read (the canonical model has one
 * choice). Gemini bodies carry no creation time, so `created` is 0 and the gateway stamps it.
 */
export function decodeResponse(body: unknown): CanonicalResponse {
  if (!isObject(body)) throw new TranslationError('response body must be a JSON object', '');
  const responseId = optionalString(body, 'responseId', '') ?? '';
  const candidate = firstCandidate(body);
  let callIndex = 0;
  const content: ContentPart[] = [];
  const parts = candidate === undefined ? [] : candidateParts(candidate, 'candidates[0]');
  parts.forEach((part, index) => {
    content.push(
      ...decodePart(part, `candidates[0].content.parts[${index}]`, () => synthesizeCallId(responseId, callIndex++)),
    );
  });
  const response: CanonicalResponse = {
    id: responseId,
    model: optionalString(body, 'modelVersion', '') ?? '',
    created: 0,
    content,
    stopReason: decodeStop(body, candidate, content),
  };
  const usage = decodeUsage(field(body, 'usageMetadata'));
  if (usage !== undefined) response.usage = usage;
  return response;
}

export function firstCandidate(body: JsonObject): JsonObject | undefined {
  const candidates = optionalArray(body, 'candidates', '');
  const first = candidates?.[0];
  if (first === undefined) return undefined;
  if (!isObject(first)) throw new TranslationError('candidates[0] must be an object', 'candidates[0]');
  return first;
}

export function candidateParts(candidate: JsonObject, path: string): unknown[] {
  const content = optionalObject(candidate, 'content', path);
  if (content === undefined) return [];
  return optionalArray(content, 'parts', `${path}.content`) ?? [];
}

function decodeStop(body: JsonObject, candidate: JsonObject | undefined, content: ContentPart[]): CanonicalResponse['stopReason'] {
  const hasToolCall = content.some((part) => part.type === 'tool_call');
  const finishReason = candidate === undefined ? undefined : optionalString(candidate, 'finishReason', 'candidates[0]');
  if (finishReason !== undefined) return decodeFinishReason(finishReason, hasToolCall);
  // No candidate at all: the prompt itself was blocked (promptFeedback.blockReason).
  const feedback = optionalObject(body, 'promptFeedback', '');
  if (feedback !== undefined && field(feedback, 'blockReason') !== undefined) return 'content_filter';
  if (hasToolCall) return 'tool_use';
  return candidate === undefined ? 'other' : 'end_turn';
}
