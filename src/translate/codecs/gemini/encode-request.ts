import type { CanonicalMessage, CanonicalRequest, CanonicalTool } from '../../canonical/index.js';
import type { EncodeRequestOptions } from '../../codec.js';
import { toGeminiSchema } from './convert-schema.js';
import { encodeGenerationConfig } from './encode-generation-config.js';
import { encodeParts } from './encode-parts.js';
import { isObject, type JsonObject } from './json-access.js';
import { ownSignature, requiresThoughtSignatures, SKIP_THOUGHT_SIGNATURE_VALIDATOR } from './thought-signature.js';
import { encodeToolConfig } from './tool-choice.js';

export interface EncodedGeminiRequest {
  body: JsonObject;
  /** Schema keywords Gemini cannot take, by path in the body (for the request log). */
  droppedSchemaPaths: string[];
}

/** Top-level GenerateContentRequest fields restorable from a Gemini client's extras. */
const RESTORABLE_EXTRAS = ['safetySettings', 'cachedContent'] as const;

/**
 * Canonical → GenerateContentRequest body. The model goes in the URL, not the body; it is used
 * here only for model-dependent choices (thinking level vs budget, Gemini 3 signature rules).
 */
export function encodeGeminiRequest(request: CanonicalRequest, options: EncodeRequestOptions): EncodedGeminiRequest {
  const body: JsonObject = { contents: encodeContents(request.messages, options.model) };
  const dropped: string[] = [];

  const system = request.system.filter((part) => part.text !== '').map((part) => ({ text: part.text }));
  if (system.length > 0) body.systemInstruction = { parts: system };

  const tools: JsonObject[] = [];
  if (request.tools !== undefined && request.tools.length > 0) {
    const declarations = request.tools.map((tool, index) => {
      const encoded = encodeDeclaration(tool);
      dropped.push(...encoded.dropped.map((path) => `tools[0].functionDeclarations[${index}].parameters.${path}`));
      return encoded.declaration;
    });
    tools.push({ functionDeclarations: declarations });
  }
  const otherTools = request.extras?.tools;
  if (Array.isArray(otherTools)) tools.push(...otherTools.filter(isObject));
  if (tools.length > 0) body.tools = tools;

  const toolConfig = encodeToolConfig(request.toolChoice, request.extras?.toolConfig);
  if (toolConfig !== undefined && body.tools !== undefined) body.toolConfig = toolConfig;

  const generation = encodeGenerationConfig(request, options.model);
  dropped.push(...generation.droppedSchemaPaths);
  if (Object.keys(generation.config).length > 0) body.generationConfig = generation.config;

  for (const key of RESTORABLE_EXTRAS) {
    const value = request.extras?.[key];
    if (value !== undefined) body[key] = value;
  }
  return { body, droppedSchemaPaths: dropped };
}

export function encodeRequest(request: CanonicalRequest, options: EncodeRequestOptions): Record<string, unknown> {
  return encodeGeminiRequest(request, options).body;
}

function encodeDeclaration(tool: CanonicalTool): { declaration: JsonObject; dropped: string[] } {
  // The spec marks description as required on FunctionDeclaration.
  const declaration: JsonObject = { name: tool.name, description: tool.description ?? '' };
  const converted = toGeminiSchema(tool.parameters);
  const properties = converted.schema.properties;
  // Gemini rejects an OBJECT schema with empty properties; a function without parameters omits them.
  if (converted.schema.type !== 'OBJECT' || (isObject(properties) && Object.keys(properties).length > 0)) {
    declaration.parameters = converted.schema;
  }
  return { declaration, dropped: converted.dropped };
}

function encodeContents(messages: CanonicalMessage[], model: string): JsonObject[] {
  const names = new Map<string, string>();
  for (const message of messages) {
    for (const part of message.content) if (part.type === 'tool_call') names.set(part.id, part.name);
  }
  const currentTurnStart = lastUserPromptIndex(messages) + 1;
  const needsSignature = requiresThoughtSignatures(model);

  const contents: JsonObject[] = [];
  messages.forEach((message, index) => {
    const role = message.role === 'assistant' ? 'model' : 'user';
    const parts = encodeParts(role === 'model' ? message.content : message.content.filter((part) => part.type !== 'reasoning'), {
      path: `messages[${index}].content`,
      toolName: (id) => names.get(id),
    });
    if (role === 'model' && needsSignature && index >= currentTurnStart) {
      markFirstCallOfStep(parts, message);
    }
    if (parts.length === 0) return;
    const previous = contents[contents.length - 1];
    // Canonical splits a Gemini turn into tool + user messages; Gemini wants them as one turn.
    if (previous !== undefined && previous.role === role && Array.isArray(previous.parts)) {
      previous.parts.push(...parts);
    } else {
      contents.push({ role, parts });
    }
  });
  return contents;
}

function lastUserPromptIndex(messages: CanonicalMessage[]): number {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role === 'user' && message.content.some((part) => part.type !== 'tool_result')) return index;
  }
  return -1;
}

/**
 * Gemini 3 rejects the current turn when the first function call of a step has no signature.
 * A call that came from another provider has none, so it gets Google's documented
 * "skip validation" value; a call with a real Gemini signature is left alone.
 */
function markFirstCallOfStep(parts: JsonObject[], message: CanonicalMessage): void {
  const firstCall = message.content.find((part) => part.type === 'tool_call');
  if (firstCall === undefined || ownSignature(firstCall.opaque) !== undefined) return;
  const encoded = parts.find((part) => part.functionCall !== undefined);
  if (encoded !== undefined && encoded.thoughtSignature === undefined) {
    encoded.thoughtSignature = SKIP_THOUGHT_SIGNATURE_VALIDATOR;
  }
}
