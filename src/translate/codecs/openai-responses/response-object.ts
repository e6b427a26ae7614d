import type { CanonicalUsage } from '../../canonical/index.js';
import type { JsonObject } from '../../json-guards.js';
import { encodeUsage } from './usage.js';

export interface ResponseObjectFields {
  id: string;
  createdAt: number;
  model: string;
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  output: JsonObject[];
  usage?: CanonicalUsage | undefined;
  incompleteDetails?: JsonObject | null;
  error?: { code: string; message: string } | null;
}

/**
 * A full `Response` object as the openai SDK and Codex expect it. The gateway does not know the
 * request's sampling settings here, so the echo fields carry neutral values (null / defaults).
 * `usage` is omitted, not nulled, until known: the spec types it as an object.
 */
export function buildResponseObject(fields: ResponseObjectFields): JsonObject {
  const response: JsonObject = {
    id: fields.id,
    object: 'response',
    created_at: fields.createdAt,
    status: fields.status,
    background: false,
    error: fields.error ?? null,
    incomplete_details: fields.incompleteDetails ?? null,
    instructions: null,
    max_output_tokens: null,
    model: fields.model,
    output: fields.output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: null,
    temperature: null,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    metadata: {},
  };
  if (fields.usage !== undefined) response.usage = encodeUsage(fields.usage);
  return response;
}

/** Keeps our ids recognisable to clients that check prefixes, without inventing randomness. */
export function responseIdFor(id: string): string {
  return id.startsWith('resp_') ? id : `resp_${id}`;
}
