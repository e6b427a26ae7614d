import type { CanonicalRequest, CanonicalResponseFormat, CanonicalToolChoice } from '../../canonical/index.js';
import type { EncodeRequestOptions } from '../../codec.js';
import { encodeInput } from './encode-input.js';
import { readResponsesExtras } from './extras.js';
import { isObject, type JsonObject } from '../../json-guards.js';

const ENCRYPTED_REASONING = 'reasoning.encrypted_content';

/** Extras keys merged field by field below rather than copied whole. */
const MERGED_EXTRAS = new Set(['tools', 'tool_choice', 'reasoning', 'text', 'store', 'include']);

/**
 * Canonical → a Responses request body. Fields Responses has no name for (stop sequences, top_k,
 * seed, penalties) are dropped. Extras are restored only from the Responses key, so nothing
 * another format put there reaches OpenAI.
 */
export function encodeRequest(request: CanonicalRequest, options: EncodeRequestOptions): JsonObject {
  const extras = readResponsesExtras(request);
  const body: JsonObject = { model: options.model };

  const [first, ...moreSystem] = request.system;
  if (first !== undefined) body.instructions = first.text;
  // Further system parts go first in input as developer messages, so a round trip keeps them apart.
  const developer = moreSystem.map((part) => ({ type: 'message', role: 'developer', content: part.text }));
  body.input = [...developer, ...encodeInput(request.messages)];

  const tools: unknown[] = (request.tools ?? []).map((tool) => {
    const encoded: JsonObject = { type: 'function', name: tool.name };
    if (tool.description !== undefined) encoded.description = tool.description;
    encoded.parameters = tool.parameters;
    // Responses treats an absent `strict` as true, unlike the other formats: say false unless asked.
    encoded.strict = tool.strict ?? false;
    return encoded;
  });
  if (Array.isArray(extras.tools)) tools.push(...extras.tools);
  if (tools.length > 0) body.tools = tools;

  if (request.toolChoice !== undefined) body.tool_choice = encodeToolChoice(request.toolChoice);
  else if (extras.tool_choice !== undefined) body.tool_choice = extras.tool_choice;
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.user !== undefined) body.user = request.user;

  const reasoning = encodeReasoning(request, extras);
  if (reasoning !== undefined) body.reasoning = reasoning;
  const text = encodeText(request.responseFormat, extras);
  if (text !== undefined) body.text = text;

  body.stream = request.stream;
  // store: false only when the client said so; OpenAI's default (true) applies otherwise.
  if (typeof extras.store === 'boolean') body.store = extras.store;
  const include = encodeInclude(request, extras, reasoning !== undefined);
  if (include !== undefined) body.include = include;

  for (const [key, value] of Object.entries(extras)) {
    if (!MERGED_EXTRAS.has(key) && !(key in body)) body[key] = value;
  }
  return body;
}

function encodeToolChoice(choice: CanonicalToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', name: choice.name };
}

/**
 * Only what was asked is mapped: the codec cannot know which models reject `effort`, so it never
 * derives one (an Anthropic budget has no exact effort). A request for thoughts becomes
 * `summary: 'auto'` so the client still sees reasoning.
 */
function encodeReasoning(request: CanonicalRequest, extras: JsonObject): JsonObject | undefined {
  const config = request.reasoning;
  const reasoning: JsonObject = isObject(extras.reasoning) ? { ...extras.reasoning } : {};
  if (config !== undefined) {
    if (config.effort !== undefined) reasoning.effort = config.effort;
    const summary = config.summary ?? (config.includeThoughts && !config.disabled ? 'auto' : undefined);
    if (summary !== undefined) reasoning.summary = summary;
  }
  return Object.keys(reasoning).length > 0 ? reasoning : undefined;
}

function encodeText(format: CanonicalResponseFormat | undefined, extras: JsonObject): JsonObject | undefined {
  const text: JsonObject = isObject(extras.text) ? { ...extras.text } : {};
  if (format?.type === 'json_schema') {
    // `name` is required by Responses; formats without one (Gemini) get a neutral name.
    const encoded: JsonObject = { type: 'json_schema', name: format.name ?? 'response', schema: format.schema };
    if (format.description !== undefined) encoded.description = format.description;
    if (format.strict !== undefined) encoded.strict = format.strict;
    text.format = encoded;
  } else if (format !== undefined) {
    text.format = { type: format.type };
  }
  return Object.keys(text).length > 0 ? text : undefined;
}

/**
 * With `store: false` OpenAI keeps no reasoning server-side, so the next turn can only replay it
 * from `encrypted_content`; ask for it whenever reasoning is configured in that mode.
 */
function encodeInclude(request: CanonicalRequest, extras: JsonObject, reasoning: boolean): unknown[] | undefined {
  const include: unknown[] = Array.isArray(extras.include) ? [...extras.include] : [];
  const wantsReasoning = reasoning && request.reasoning?.disabled !== true;
  if (extras.store === false && wantsReasoning && !include.includes(ENCRYPTED_REASONING)) {
    include.push(ENCRYPTED_REASONING);
  }
  if (include.length > 0) return include;
  return Array.isArray(extras.include) ? include : undefined;
}
