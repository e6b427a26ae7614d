import type { CanonicalResponse } from '../../canonical/index.js';
import { encodeOutput } from './encode-output.js';
import type { JsonObject } from '../../json-guards.js';
import { buildResponseObject, responseIdFor } from './response-object.js';
import { encodeStopReason } from './stop-reason.js';

export function encodeResponse(response: CanonicalResponse): JsonObject {
  const id = responseIdFor(response.id);
  const { status, incompleteDetails } = encodeStopReason(response.stopReason);
  return buildResponseObject({
    id,
    createdAt: response.created,
    model: response.model,
    status,
    output: encodeOutput(response.content, id.slice('resp_'.length)),
    usage: response.usage,
    incompleteDetails,
    error: status === 'failed' ? { code: 'server_error', message: 'The upstream reported an error.' } : null,
  });
}
