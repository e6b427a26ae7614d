import type {
  CanonicalRequest,
  CanonicalResponseFormat,
  ReasoningEffort,
} from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { decodeMessages } from './decode-messages.js';
import { decodeToolChoice, decodeTools } from './decode-tools.js';
import { OPENAI_CHAT_EXTRAS_KEY, type OpenAiChatExtras } from './extras.js';
import {
  expectObject,
  expectString,
  isObject,
  joinPath,
  optionalBoolean,
  optionalNumber,
  optionalString,
} from '../../json-guards.js';

/** Top-level fields this decoder turns into canonical ones; every other field goes to extras. */
const CONSUMED_FIELDS = new Set([
  'model',
  'messages',
  'tools',
  'functions',
  'tool_choice',
  'function_call',
  'parallel_tool_calls',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'stop',
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'user',
  'response_format',
  'reasoning_effort',
  'stream',
  'stream_options',
]);

const REASONING_EFFORTS: readonly ReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

/** An OpenAI Chat Completions request body → canonical request. */
export function decodeRequest(body: unknown): CanonicalRequest {
  const raw = expectObject(body, '');
  const { system, messages } = decodeMessages(raw.messages);
  const request: CanonicalRequest = {
    model: expectString(raw.model, 'model'),
    system,
    messages,
    // `stream` absent means non-streaming for OpenAI (DESIGN.md §3).
    stream: optionalBoolean(raw.stream, 'stream') ?? false,
  };

  const tools = decodeTools(raw.tools, raw.functions);
  if (tools !== undefined) request.tools = tools;
  const toolChoice = decodeToolChoice(raw.tool_choice, raw.function_call);
  if (toolChoice !== undefined) request.toolChoice = toolChoice;
  setIfDefined(request, 'parallelToolCalls', optionalBoolean(raw.parallel_tool_calls, 'parallel_tool_calls'));

  const maxCompletionTokens = optionalNumber(raw.max_completion_tokens, 'max_completion_tokens');
  setIfDefined(request, 'maxOutputTokens', maxCompletionTokens ?? optionalNumber(raw.max_tokens, 'max_tokens'));
  setIfDefined(request, 'temperature', optionalNumber(raw.temperature, 'temperature'));
  setIfDefined(request, 'topP', optionalNumber(raw.top_p, 'top_p'));
  setIfDefined(request, 'stopSequences', decodeStop(raw.stop));
  setIfDefined(request, 'seed', optionalNumber(raw.seed, 'seed'));
  setIfDefined(request, 'frequencyPenalty', optionalNumber(raw.frequency_penalty, 'frequency_penalty'));
  setIfDefined(request, 'presencePenalty', optionalNumber(raw.presence_penalty, 'presence_penalty'));
  setIfDefined(request, 'user', optionalString(raw.user, 'user'));
  setIfDefined(request, 'responseFormat', decodeResponseFormat(raw.response_format));

  const effort = decodeReasoningEffort(raw.reasoning_effort);
  if (effort !== undefined) request.reasoning = { effort };

  if (raw.stream_options !== undefined && raw.stream_options !== null) {
    const options = expectObject(raw.stream_options, 'stream_options');
    setIfDefined(request, 'streamIncludeUsage', optionalBoolean(options.include_usage, 'stream_options.include_usage'));
  }

  const extras: OpenAiChatExtras = { fields: {} };
  for (const [key, value] of Object.entries(raw)) {
    if (!CONSUMED_FIELDS.has(key)) extras.fields[key] = value;
  }
  if (maxCompletionTokens !== undefined) extras.maxTokensField = 'max_completion_tokens';
  if (Object.keys(extras.fields).length > 0 || extras.maxTokensField !== undefined) {
    request.extras = { [OPENAI_CHAT_EXTRAS_KEY]: extras };
  }
  return request;
}

function setIfDefined<K extends keyof CanonicalRequest>(
  request: CanonicalRequest,
  key: K,
  value: CanonicalRequest[K] | undefined,
): void {
  if (value !== undefined) request[key] = value;
}

function decodeStop(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return [raw];
  if (Array.isArray(raw)) return raw.map((item, index) => expectString(item, joinPath('stop', index)));
  throw new TranslationError('stop must be a string or an array of strings', 'stop');
}

function decodeReasoningEffort(raw: unknown): ReasoningEffort | undefined {
  if (raw === undefined || raw === null) return undefined;
  if ((REASONING_EFFORTS as readonly unknown[]).includes(raw)) return raw as ReasoningEffort;
  throw new TranslationError(`reasoning_effort ${JSON.stringify(raw)} is not supported`, 'reasoning_effort');
}

function decodeResponseFormat(raw: unknown): CanonicalResponseFormat | undefined {
  if (raw === undefined || raw === null) return undefined;
  const format = expectObject(raw, 'response_format');
  if (format.type === 'text' || format.type === 'json_object') return { type: format.type };
  if (format.type !== 'json_schema') {
    throw new TranslationError(`response_format.type ${JSON.stringify(format.type)} is not supported`, 'response_format.type');
  }
  const spec = expectObject(format.json_schema, 'response_format.json_schema');
  const decoded: CanonicalResponseFormat = {
    type: 'json_schema',
    schema: isObject(spec.schema) ? spec.schema : {},
  };
  const name = optionalString(spec.name, 'response_format.json_schema.name');
  if (name !== undefined) decoded.name = name;
  const description = optionalString(spec.description, 'response_format.json_schema.description');
  if (description !== undefined) decoded.description = description;
  const strict = optionalBoolean(spec.strict, 'response_format.json_schema.strict');
  if (strict !== undefined) decoded.strict = strict;
  return decoded;
}
