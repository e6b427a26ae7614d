import type { CanonicalRequest } from '../../canonical/index.js';
import { isObject, type JsonObject } from '../../json-guards.js';

/**
 * Responses-only request fields are kept under this one key of `CanonicalRequest.extras`, so the
 * Responses encoder restores only what a Responses client sent, and encoders of other formats
 * (which read their own key) never see them. Inside it, `tools` holds only the non-function
 * (built-in) tools and `text` / `reasoning` hold only their non-canonical sub-fields.
 */
export const RESPONSES_EXTRAS_KEY = 'openai-responses';

export function readResponsesExtras(request: CanonicalRequest): JsonObject {
  const value = request.extras?.[RESPONSES_EXTRAS_KEY];
  return isObject(value) ? value : {};
}
