import type { CanonicalRequest, CanonicalResponseFormat, CanonicalToolChoice } from '../../canonical/index.js';
import type { EncodeRequestOptions } from '../../codec.js';
import { encodeMessages } from './encode-messages.js';
import { readOpenAiChatExtras } from './extras.js';

/**
 * OpenAI reasoning models (o1/o3/o4…, gpt-5…) reject `max_tokens`; most other OpenAI-compatible
 * servers only know `max_tokens`. So the newer name is used only when the client used it or the
 * model is known to require it.
 */
const REQUIRES_MAX_COMPLETION_TOKENS = /^(?:[\w.-]+\/)?(?:o\d|gpt-5)/i;

/** Canonical request → OpenAI Chat Completions body for an upstream. */
export function encodeRequest(request: CanonicalRequest, options: EncodeRequestOptions): Record<string, unknown> {
  const extras = readOpenAiChatExtras(request);
  const body: Record<string, unknown> = {
    model: options.model,
    messages: encodeMessages(request.system, request.messages),
  };

  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => {
      const fn: Record<string, unknown> = { name: tool.name };
      if (tool.description !== undefined) fn.description = tool.description;
      fn.parameters = tool.parameters;
      if (tool.strict !== undefined) fn.strict = tool.strict;
      return { type: 'function', function: fn };
    });
  }
  if (request.toolChoice !== undefined) body.tool_choice = encodeToolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;

  if (request.maxOutputTokens !== undefined) {
    const useNewName =
      extras?.maxTokensField === 'max_completion_tokens' || REQUIRES_MAX_COMPLETION_TOKENS.test(options.model);
    body[useNewName ? 'max_completion_tokens' : 'max_tokens'] = request.maxOutputTokens;
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) body.stop = request.stopSequences;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.user !== undefined) body.user = request.user;
  if (request.responseFormat !== undefined) body.response_format = encodeResponseFormat(request.responseFormat);
  // Only an explicit effort is sent: non-reasoning models reject the field, and a token budget
  // has no faithful effort equivalent.
  if (request.reasoning?.effort !== undefined) body.reasoning_effort = request.reasoning.effort;

  body.stream = request.stream;
  // The gateway needs usage for accounting even when the client did not ask; the client-side
  // stream encoder hides the usage chunk again when `streamIncludeUsage` is not set.
  if (request.stream) body.stream_options = { include_usage: true };

  if (extras !== undefined) {
    for (const [key, value] of Object.entries(extras.fields)) {
      if (!(key in body)) body[key] = value;
    }
  }
  return body;
}

function encodeToolChoice(choice: CanonicalToolChoice): unknown {
  if (typeof choice === 'string') return choice;
  return { type: 'function', function: { name: choice.name } };
}

function encodeResponseFormat(format: CanonicalResponseFormat): Record<string, unknown> {
  if (format.type !== 'json_schema') return { type: format.type };
  const jsonSchema: Record<string, unknown> = { name: format.name ?? 'response' };
  if (format.description !== undefined) jsonSchema.description = format.description;
  jsonSchema.schema = format.schema;
  if (format.strict !== undefined) jsonSchema.strict = format.strict;
  return { type: 'json_schema', json_schema: jsonSchema };
}
