import type { CanonicalResponse } from '../../canonical/index.js';
import { encodeParts } from './encode-parts.js';
import { encodeFinishReason } from './finish-reason.js';
import type { JsonObject } from './json-access.js';
import { encodeUsage } from './usage.js';

/** Canonical → GenerateContentResponse with one candidate, as generateContent returns it. */
export function encodeResponse(response: CanonicalResponse): Record<string, unknown> {
  const parts = encodeParts(response.content, { path: 'content', toolName: () => undefined });
  const body: JsonObject = {
    candidates: [{ content: { role: 'model', parts }, finishReason: encodeFinishReason(response.stopReason), index: 0 }],
  };
  if (response.usage !== undefined) body.usageMetadata = encodeUsage(response.usage);
  body.modelVersion = response.model;
  body.responseId = response.id;
  return body;
}
