import type { CanonicalRequest, CanonicalResponseFormat, TextPart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { decodeTextBlock } from './decode-content.js';
import { decodeMessages } from './decode-messages.js';
import { decodeToolChoice, decodeTools } from './decode-tools.js';
import {
  expectArray,
  expectObject,
  expectString,
  optionalBoolean,
  optionalNumber,
  type JsonObject,
} from '../../json-guards.js';
import { decodeThinking } from './thinking-config.js';

/** Top-level fields with a canonical meaning; everything else goes to `extras`. */
const MAPPED_FIELDS = new Set([
  'model',
  'messages',
  'system',
  'max_tokens',
  'metadata',
  'stop_sequences',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'thinking',
  'tool_choice',
  'tools',
  'output_format',
  'output_config',
]);

function decodeSystem(value: unknown, path: string): TextPart[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value === '' ? [] : [{ type: 'text', text: value }];
  return expectArray(value, path).map((item, i) => {
    const blockPath = `${path}[${i}]`;
    const block = expectObject(item, blockPath);
    if (block.type !== 'text') throw new TranslationError(`${blockPath}.type must be 'text'`, `${blockPath}.type`);
    return decodeTextBlock(block, blockPath);
  });
}

function decodeStopSequences(value: unknown, path: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  return expectArray(value, path).map((item, i) => expectString(item, `${path}[${i}]`));
}

/** `{type: "json_schema", schema}` from `output_config.format` (GA) or `output_format` (beta). */
function decodeOutputFormat(value: unknown, path: string): CanonicalResponseFormat | undefined {
  if (value === undefined || value === null) return undefined;
  const format = expectObject(value, path);
  const type = expectString(format.type, `${path}.type`);
  if (type !== 'json_schema') throw new TranslationError(`${path}.type '${type}' is not supported`, `${path}.type`);
  return { type: 'json_schema', schema: expectObject(format.schema, `${path}.schema`) };
}

/**
 * Anthropic Messages request body → canonical. Also reads `count_tokens` bodies (no
 * `max_tokens`). `stream` absent means non-streaming, Anthropic's default.
 */
export function decodeRequest(body: unknown): CanonicalRequest {
  const root = expectObject(body, 'body');
  const decoded = decodeMessages(root.messages, 'messages');
  const request: CanonicalRequest = {
    model: expectString(root.model, 'model'),
    system: [...decodeSystem(root.system, 'system'), ...decoded.system],
    messages: decoded.messages,
    stream: optionalBoolean(root.stream, 'stream') ?? false,
  };
  const extras: JsonObject = {};

  const maxTokens = optionalNumber(root.max_tokens, 'max_tokens');
  if (maxTokens !== undefined) request.maxOutputTokens = maxTokens;
  const temperature = optionalNumber(root.temperature, 'temperature');
  if (temperature !== undefined) request.temperature = temperature;
  const topP = optionalNumber(root.top_p, 'top_p');
  if (topP !== undefined) request.topP = topP;
  const topK = optionalNumber(root.top_k, 'top_k');
  if (topK !== undefined) request.topK = topK;
  const stopSequences = decodeStopSequences(root.stop_sequences, 'stop_sequences');
  if (stopSequences !== undefined) request.stopSequences = stopSequences;

  if (root.metadata !== undefined && root.metadata !== null) {
    const metadata = expectObject(root.metadata, 'metadata');
    if (typeof metadata.user_id === 'string') request.user = metadata.user_id;
  }

  if (root.tools !== undefined && root.tools !== null) {
    const { tools, serverTools } = decodeTools(root.tools, 'tools');
    if (tools.length > 0) request.tools = tools;
    if (serverTools.length > 0) extras.tools = serverTools;
  }
  const choice = decodeToolChoice(root.tool_choice, 'tool_choice');
  if (choice !== undefined) {
    request.toolChoice = choice.toolChoice;
    if (choice.parallelToolCalls !== undefined) request.parallelToolCalls = choice.parallelToolCalls;
  }

  const thinking = decodeThinking(root.thinking, 'thinking');
  if (thinking !== undefined) {
    request.reasoning = thinking.reasoning;
    if (thinking.extra !== undefined) extras.thinking = thinking.extra;
  }

  const betaFormat = decodeOutputFormat(root.output_format, 'output_format');
  if (betaFormat !== undefined) request.responseFormat = betaFormat;
  if (root.output_config !== undefined && root.output_config !== null) {
    const { format, ...rest } = expectObject(root.output_config, 'output_config');
    const gaFormat = decodeOutputFormat(format, 'output_config.format');
    if (gaFormat !== undefined) request.responseFormat = gaFormat;
    // e.g. `effort`: an Anthropic-only knob, restored only by a same-format encode.
    if (Object.keys(rest).length > 0) extras.output_config = rest;
  }

  for (const [key, value] of Object.entries(root)) {
    if (!MAPPED_FIELDS.has(key)) extras[key] = value;
  }
  if (Object.keys(extras).length > 0) request.extras = extras;
  return request;
}

/** `count_tokens` takes the Messages body minus `max_tokens`; the same decoder reads it. */
export function decodeCountTokensRequest(body: unknown): CanonicalRequest {
  return decodeRequest(body);
}
