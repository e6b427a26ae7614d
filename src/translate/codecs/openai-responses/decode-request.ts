import type {
  CanonicalReasoningConfig,
  CanonicalRequest,
  CanonicalResponseFormat,
  ReasoningEffort,
} from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { decodeInput } from './decode-input.js';
import { decodeToolChoice, decodeTools } from './decode-tools.js';
import { RESPONSES_EXTRAS_KEY } from './extras.js';
import {
  expectObject,
  expectString,
  isObject,
  optionalBoolean,
  optionalNumber,
  optionalString,
  type JsonObject,
} from '../../json-guards.js';

/** Top-level fields with a canonical meaning; every other field is kept in extras. */
const CANONICAL_FIELDS = new Set([
  'model',
  'instructions',
  'input',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'temperature',
  'top_p',
  'reasoning',
  'text',
  'stream',
  'user',
]);

const EFFORTS: readonly ReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

export function decodeRequest(body: unknown): CanonicalRequest {
  const root = expectObject(body, '$');
  const extras: JsonObject = {};
  for (const [key, value] of Object.entries(root)) {
    if (!CANONICAL_FIELDS.has(key)) extras[key] = value;
  }

  const input = decodeInput(root.input, 'input');
  const request: CanonicalRequest = {
    model: expectString(root.model, 'model'),
    system: [...decodeInstructions(root.instructions), ...input.system],
    messages: input.messages,
    stream: optionalBoolean(root.stream, 'stream') ?? false,
  };

  const tools = decodeTools(root.tools, 'tools');
  if (tools.tools.length > 0) request.tools = tools.tools;
  if (tools.builtin.length > 0) extras.tools = tools.builtin;

  if (root.tool_choice !== undefined && root.tool_choice !== null) {
    const choice = decodeToolChoice(root.tool_choice, 'tool_choice');
    if (choice === undefined) extras.tool_choice = root.tool_choice;
    else request.toolChoice = choice;
  }

  const parallel = optionalBoolean(root.parallel_tool_calls, 'parallel_tool_calls');
  if (parallel !== undefined) request.parallelToolCalls = parallel;
  const maxOutput = optionalNumber(root.max_output_tokens, 'max_output_tokens');
  if (maxOutput !== undefined) request.maxOutputTokens = maxOutput;
  const temperature = optionalNumber(root.temperature, 'temperature');
  if (temperature !== undefined) request.temperature = temperature;
  const topP = optionalNumber(root.top_p, 'top_p');
  if (topP !== undefined) request.topP = topP;
  const user = optionalString(root.user, 'user');
  if (user !== undefined) request.user = user;

  decodeReasoning(root.reasoning, request, extras);
  decodeText(root.text, request, extras);

  if (Object.keys(extras).length > 0) request.extras = { [RESPONSES_EXTRAS_KEY]: extras };
  return request;
}

function decodeInstructions(value: unknown): CanonicalRequest['system'] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') return [{ type: 'text', text: value }];
  // The spec also allows a list of input messages here.
  return decodeInput(value, 'instructions').system;
}

function decodeReasoning(value: unknown, request: CanonicalRequest, extras: JsonObject): void {
  if (value === undefined || value === null) return;
  const reasoning = expectObject(value, 'reasoning');
  const config: CanonicalReasoningConfig = {};
  const rest: JsonObject = {};
  for (const [key, field] of Object.entries(reasoning)) {
    if (key === 'effort' && (EFFORTS as readonly unknown[]).includes(field)) {
      config.effort = field as ReasoningEffort;
    } else if ((key === 'summary' || key === 'generate_summary') && typeof field === 'string') {
      // generate_summary is the deprecated spelling of summary.
      if (key === 'summary' || config.summary === undefined) config.summary = field;
      config.includeThoughts = true;
    } else if (field !== null) {
      rest[key] = field;
    }
  }
  if (Object.keys(config).length > 0) request.reasoning = config;
  if (Object.keys(rest).length > 0) extras.reasoning = rest;
}

function decodeText(value: unknown, request: CanonicalRequest, extras: JsonObject): void {
  if (value === undefined || value === null) return;
  const text = expectObject(value, 'text');
  const rest: JsonObject = {};
  for (const [key, field] of Object.entries(text)) {
    if (field === null) continue;
    const format = key === 'format' ? decodeFormat(field) : undefined;
    if (format === undefined) rest[key] = field;
    else request.responseFormat = format;
  }
  if (Object.keys(rest).length > 0) extras.text = rest;
}

function decodeFormat(value: unknown): CanonicalResponseFormat | undefined {
  const format = expectObject(value, 'text.format');
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema': {
      const schema = format.schema;
      if (!isObject(schema)) throw new TranslationError('text.format.schema must be an object', 'text.format.schema');
      const result: CanonicalResponseFormat = { type: 'json_schema', schema };
      const name = optionalString(format.name, 'text.format.name');
      if (name !== undefined) result.name = name;
      const description = optionalString(format.description, 'text.format.description');
      if (description !== undefined) result.description = description;
      const strict = optionalBoolean(format.strict, 'text.format.strict');
      if (strict !== undefined) result.strict = strict;
      return result;
    }
    default:
      return undefined;
  }
}
