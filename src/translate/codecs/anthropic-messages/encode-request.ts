import type { CanonicalRequest, CanonicalTool, CanonicalToolChoice } from '../../canonical/index.js';
import type { EncodeRequestOptions } from '../../codec.js';
import { encodeTextBlock } from './encode-content.js';
import { encodeMessages } from './encode-messages.js';
import { isCustomTool } from './decode-tools.js';
import { isObject, type JsonObject } from '../../json-guards.js';
import { DEFAULT_MAX_TOKENS, encodeThinking } from './thinking-config.js';

/**
 * Anthropic-only top-level fields a same-format decode may have parked in `extras`. `extras` does
 * not say which format filled it, so only these names are restored, and only in shapes Anthropic
 * accepts; any other extras (other formats' fields) are dropped rather than sent upstream.
 */
const RESTORABLE_EXTRAS: Readonly<Record<string, (value: unknown) => boolean>> = {
  service_tier: (value) => value === 'auto' || value === 'standard_only',
  container: (value) => typeof value === 'string' || isObject(value),
  context_management: isObject,
  mcp_servers: Array.isArray,
  inference_geo: (value) => typeof value === 'string',
};

function encodeTool(tool: CanonicalTool): JsonObject {
  // Anthropic requires `type` on the input schema; an empty canonical schema means "no arguments".
  const schema = tool.parameters.type === undefined ? { type: 'object', ...tool.parameters } : tool.parameters;
  const encoded: JsonObject = { name: tool.name, input_schema: schema };
  if (tool.description !== undefined) encoded.description = tool.description;
  return encoded;
}

/** Anthropic server tools parked in extras by a same-format decode (custom tools are canonical). */
function serverToolsFrom(extras: JsonObject | undefined): JsonObject[] {
  const tools = extras?.tools;
  if (!Array.isArray(tools)) return [];
  return tools.filter(
    (tool): tool is JsonObject =>
      isObject(tool) && !isCustomTool(tool) && typeof tool.type === 'string' && typeof tool.name === 'string',
  );
}

function encodeToolChoice(
  choice: CanonicalToolChoice | undefined,
  parallelToolCalls: boolean | undefined,
  thinking: boolean,
): JsonObject | undefined {
  let encoded: JsonObject | undefined;
  if (choice === 'auto') encoded = { type: 'auto' };
  else if (choice === 'none') encoded = { type: 'none' };
  else if (choice === 'required') encoded = { type: 'any' };
  else if (choice !== undefined) encoded = { type: 'tool', name: choice.name };
  // Anthropic refuses forced tool use while thinking; auto keeps the request valid.
  if (thinking && (encoded?.type === 'any' || encoded?.type === 'tool')) encoded = { type: 'auto' };
  if (parallelToolCalls === false) encoded = { ...(encoded ?? { type: 'auto' }), disable_parallel_tool_use: true };
  return encoded;
}

/**
 * Canonical → Anthropic Messages body. Fields Anthropic does not define (seed, penalties,
 * json_object mode, tool `strict`) are dropped. With thinking on, `temperature` and `top_k` are
 * omitted, `top_p` is kept only in Anthropic's allowed range (≥ 0.95), and `max_tokens` is raised
 * above the thinking budget when needed so the answer keeps its own allowance.
 */
export function encodeRequest(request: CanonicalRequest, options: EncodeRequestOptions): Record<string, unknown> {
  const extras = request.extras;
  const thinking = encodeThinking(request.reasoning, extras?.thinking);
  let maxTokens = request.maxOutputTokens ?? DEFAULT_MAX_TOKENS;
  if (thinking.budget !== undefined && maxTokens <= thinking.budget) maxTokens += thinking.budget;

  const body: JsonObject = { model: options.model, max_tokens: maxTokens, messages: encodeMessages(request.messages) };
  if (request.system.length > 0) body.system = request.system.map(encodeTextBlock);

  const tools = [...(request.tools ?? []).map(encodeTool), ...serverToolsFrom(extras)];
  if (tools.length > 0) {
    body.tools = tools;
    const choice = encodeToolChoice(request.toolChoice, request.parallelToolCalls, thinking.enabled);
    if (choice !== undefined) body.tool_choice = choice;
  }
  if (thinking.thinking !== undefined) body.thinking = thinking.thinking;

  if (!thinking.enabled) {
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.topK !== undefined) body.top_k = request.topK;
  }
  if (request.topP !== undefined && (!thinking.enabled || request.topP >= 0.95)) body.top_p = request.topP;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) body.stop_sequences = request.stopSequences;
  if (request.user !== undefined) body.metadata = { user_id: request.user };

  const outputConfig: JsonObject = isObject(extras?.output_config) ? { ...extras.output_config } : {};
  if (request.responseFormat?.type === 'json_schema') {
    outputConfig.format = { type: 'json_schema', schema: request.responseFormat.schema };
  }
  if (Object.keys(outputConfig).length > 0) body.output_config = outputConfig;

  for (const [key, accepts] of Object.entries(RESTORABLE_EXTRAS)) {
    const value = extras?.[key];
    if (value !== undefined && accepts(value)) body[key] = value;
  }
  body.stream = request.stream;
  return body;
}
