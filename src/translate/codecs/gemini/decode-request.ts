import type {
  CanonicalMessage,
  CanonicalRequest,
  CanonicalTool,
  ContentPart,
  TextPart,
} from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { decodePart } from './decode-part.js';
import { decodeFunctionResponse } from './decode-tool-result.js';
import { decodeGenerationConfig } from './decode-generation-config.js';
import { fromGeminiSchema } from './from-gemini-schema.js';
import {
  field,
  isObject,
  optionalArray,
  optionalObject,
  optionalString,
  type JsonObject,
} from './json-access.js';
import { decodeToolConfig } from './tool-choice.js';
import { synthesizeCallId } from './tool-call-ids.js';

/** Top-level request fields with a canonical meaning; every other field goes to `extras`. */
const CANONICAL_FIELDS = new Set(['model', 'contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig']);

/**
 * Gemini GenerateContentRequest → canonical. The model and the streaming flag come from the URL
 * (`models/{model}:streamGenerateContent`), so `model` is '' unless the body names one and
 * `stream` is false: the gateway fills both in from the route.
 */
export function decodeRequest(body: unknown): CanonicalRequest {
  if (!isObject(body)) throw new TranslationError('request body must be a JSON object', '');
  const contents = field(body, 'contents');
  if (!Array.isArray(contents)) throw new TranslationError('contents must be an array', 'contents');

  const request: CanonicalRequest = {
    model: optionalString(body, 'model', '') ?? '',
    system: decodeSystem(field(body, 'systemInstruction')),
    messages: decodeContents(contents),
    stream: false,
  };

  const tools = decodeTools(optionalArray(body, 'tools', '') ?? []);
  const extras: JsonObject = {};
  if (tools.declared.length > 0) request.tools = tools.declared;
  if (tools.other.length > 0) extras.tools = tools.other;

  const toolConfig = optionalObject(body, 'toolConfig', '');
  if (toolConfig !== undefined) {
    const decoded = decodeToolConfig(toolConfig, 'toolConfig');
    if (decoded.toolChoice !== undefined) request.toolChoice = decoded.toolChoice;
    if (!decoded.exact) extras.toolConfig = toolConfig;
  }

  const generationConfig = optionalObject(body, 'generationConfig', '');
  if (generationConfig !== undefined) {
    const leftover = decodeGenerationConfig(generationConfig, request);
    if (Object.keys(leftover).length > 0) extras.generationConfig = leftover;
  }

  for (const [key, value] of Object.entries(body)) {
    const camel = key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
    if (!CANONICAL_FIELDS.has(camel)) extras[camel] = value;
  }
  if (Object.keys(extras).length > 0) request.extras = extras;
  return request;
}

function decodeSystem(value: unknown): TextPart[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value === '' ? [] : [{ type: 'text', text: value }];
  if (!isObject(value)) throw new TranslationError('systemInstruction must be an object', 'systemInstruction');
  const parts = optionalArray(value, 'parts', 'systemInstruction') ?? [];
  const system: TextPart[] = [];
  parts.forEach((part, index) => {
    const path = `systemInstruction.parts[${index}]`;
    if (!isObject(part)) throw new TranslationError(`${path} must be an object`, path);
    const text = optionalString(part, 'text', path);
    if (text !== undefined && text !== '') system.push({ type: 'text', text });
  });
  return system;
}

interface PendingCall {
  id: string;
  name: string;
}

function decodeContents(contents: unknown[]): CanonicalMessage[] {
  const messages: CanonicalMessage[] = [];
  let synthesized = 0;
  const nextCallId = (): string => synthesizeCallId(undefined, synthesized++);
  // Calls of the latest model turn not yet answered: Gemini answers them in the next user turn,
  // by name and in order when the calls carry no id.
  let pending: PendingCall[] = [];

  contents.forEach((content, contentIndex) => {
    const path = `contents[${contentIndex}]`;
    if (!isObject(content)) throw new TranslationError(`${path} must be an object`, path);
    const role = optionalString(content, 'role', path) ?? 'user';
    const parts = optionalArray(content, 'parts', path) ?? [];

    if (role === 'model') {
      const decoded: ContentPart[] = [];
      parts.forEach((part, partIndex) => decoded.push(...decodePart(part, `${path}.parts[${partIndex}]`, nextCallId)));
      pending = decoded.flatMap((part) => (part.type === 'tool_call' ? [{ id: part.id, name: part.name }] : []));
      if (decoded.length > 0) messages.push({ role: 'assistant', content: decoded });
      return;
    }
    if (role !== 'user' && role !== 'function') {
      throw new TranslationError(`${path}.role must be "user" or "model"`, `${path}.role`);
    }

    // A user turn may mix function responses and ordinary parts: results go to `tool` messages,
    // the rest to `user` messages, in their original order.
    let current: CanonicalMessage | undefined;
    const push = (messageRole: 'user' | 'tool', part: ContentPart): void => {
      if (current === undefined || current.role !== messageRole) {
        current = { role: messageRole, content: [] };
        messages.push(current);
      }
      current.content.push(part);
    };
    parts.forEach((part, partIndex) => {
      const partPath = `${path}.parts[${partIndex}]`;
      const functionResponse = isObject(part) ? optionalObject(part, 'functionResponse', partPath) : undefined;
      if (functionResponse === undefined) {
        for (const decoded of decodePart(part, partPath, nextCallId)) push('user', decoded);
        return;
      }
      const responsePath = `${partPath}.functionResponse`;
      const id = optionalString(functionResponse, 'id', responsePath);
      const name = optionalString(functionResponse, 'name', responsePath);
      const matchIndex = pending.findIndex((call) => (id !== undefined ? call.id === id : call.name === name));
      const match = matchIndex >= 0 ? pending.splice(matchIndex, 1)[0] : undefined;
      push('tool', decodeFunctionResponse(functionResponse, responsePath, id ?? match?.id ?? nextCallId()));
    });
  });
  return messages;
}

function decodeTools(tools: unknown[]): { declared: CanonicalTool[]; other: JsonObject[] } {
  const declared: CanonicalTool[] = [];
  const other: JsonObject[] = [];
  tools.forEach((tool, toolIndex) => {
    const path = `tools[${toolIndex}]`;
    if (!isObject(tool)) throw new TranslationError(`${path} must be an object`, path);
    const declarations = optionalArray(tool, 'functionDeclarations', path);
    const rest = Object.fromEntries(
      Object.entries(tool).filter(([key]) => key !== 'functionDeclarations' && key !== 'function_declarations'),
    );
    if (Object.keys(rest).length > 0) other.push(rest);
    declarations?.forEach((declaration, index) => {
      declared.push(decodeDeclaration(declaration, `${path}.functionDeclarations[${index}]`));
    });
  });
  return { declared, other };
}

function decodeDeclaration(declaration: unknown, path: string): CanonicalTool {
  if (!isObject(declaration)) throw new TranslationError(`${path} must be an object`, path);
  const name = optionalString(declaration, 'name', path);
  if (name === undefined || name === '') throw new TranslationError(`${path}.name is required`, `${path}.name`);
  const jsonSchema = field(declaration, 'parametersJsonSchema');
  const schema = field(declaration, 'parameters');
  let parameters: Record<string, unknown>;
  if (isObject(jsonSchema)) parameters = jsonSchema;
  else if (isObject(schema)) parameters = fromGeminiSchema(schema);
  else if (jsonSchema === undefined && schema === undefined) parameters = { type: 'object', properties: {} };
  else throw new TranslationError(`${path}.parameters must be an object`, `${path}.parameters`);
  const tool: CanonicalTool = { name, parameters };
  const description = optionalString(declaration, 'description', path);
  if (description !== undefined && description !== '') tool.description = description;
  return tool;
}
