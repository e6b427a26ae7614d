import type { ContentPart, ImageSource, ToolCallPart, ToolResultPart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { isObject, tryParseJson, type JsonObject } from './json-access.js';
import { isSignatureCarrier, ownSignature } from './thought-signature.js';
import { isSyntheticCallId } from './tool-call-ids.js';

export interface PartEncodeContext {
  /** JSON path of the canonical part list, for errors (`messages[3].content`). */
  path: string;
  /** Finds the function name of an earlier tool call (tool results must name their function). */
  toolName(toolCallId: string): string | undefined;
}

/**
 * Canonical parts → Gemini parts. Opaque state goes out only when Gemini produced it; reasoning
 * text from another provider is kept as a plain thought part (Gemini accepts unsigned thoughts)
 * and reasoning that is nothing but foreign opaque state is dropped.
 */
export function encodeParts(parts: ContentPart[], context: PartEncodeContext): JsonObject[] {
  const out: JsonObject[] = [];
  let carriedSignature: string | undefined;
  parts.forEach((part, index) => {
    const path = `${context.path}[${index}]`;
    if (part.type === 'reasoning' && isSignatureCarrier(part)) {
      if (carriedSignature !== undefined) out.push({ text: '', thoughtSignature: carriedSignature });
      carriedSignature = ownSignature(part.opaque);
      return;
    }
    const encoded = encodePart(part, path, context);
    if (encoded === undefined) return;
    if (carriedSignature !== undefined) {
      if (canCarrySignature(encoded)) encoded.thoughtSignature = carriedSignature;
      else out.push({ text: '', thoughtSignature: carriedSignature });
      carriedSignature = undefined;
    }
    out.push(encoded);
  });
  if (carriedSignature !== undefined) out.push({ text: '', thoughtSignature: carriedSignature });
  return out;
}

function canCarrySignature(part: JsonObject): boolean {
  return part.thoughtSignature === undefined && part.thought !== true && part.functionCall === undefined && part.functionResponse === undefined;
}

function encodePart(part: ContentPart, path: string, context: PartEncodeContext): JsonObject | undefined {
  switch (part.type) {
    case 'text':
      return part.text === '' ? undefined : { text: part.text };
    case 'image':
    case 'file':
      return encodeMedia(part.source);
    case 'reasoning': {
      const signature = ownSignature(part.opaque);
      if (part.text === '' && signature === undefined) return undefined;
      const encoded: JsonObject = { text: part.text, thought: true };
      if (signature !== undefined) encoded.thoughtSignature = signature;
      return encoded;
    }
    case 'tool_call':
      return encodeToolCall(part, path);
    case 'tool_result':
      return encodeToolResult(part, path, context);
  }
}

export function encodeToolCall(part: ToolCallPart, path: string): JsonObject {
  const functionCall: JsonObject = { name: part.name, args: parseArguments(part.arguments, `${path}.arguments`) };
  if (!isSyntheticCallId(part.id)) functionCall.id = part.id;
  const encoded: JsonObject = { functionCall };
  const signature = ownSignature(part.opaque);
  if (signature !== undefined) encoded.thoughtSignature = signature;
  return encoded;
}

export function parseArguments(text: string, path: string): JsonObject {
  if (text.trim() === '') return {};
  const parsed = tryParseJson(text);
  if (!isObject(parsed)) throw new TranslationError('tool call arguments must be a JSON object', path);
  return parsed;
}

/**
 * `response` must be an object: a result that is itself a JSON object is sent as that object,
 * any other text as `{"result": text}`, and an error result as `{"error": text}`.
 */
function encodeToolResult(part: ToolResultPart, path: string, context: PartEncodeContext): JsonObject {
  const name = part.name ?? context.toolName(part.toolCallId);
  if (name === undefined) {
    throw new TranslationError(`no tool call with id "${part.toolCallId}" precedes this result`, `${path}.toolCallId`);
  }
  const text = part.content.flatMap((item) => (item.type === 'text' ? [item.text] : [])).join('\n');
  let response: JsonObject;
  if (part.isError === true) response = { error: text };
  else {
    const parsed = tryParseJson(text);
    response = isObject(parsed) ? parsed : { result: text };
  }
  const functionResponse: JsonObject = { name, response };
  if (!isSyntheticCallId(part.toolCallId)) functionResponse.id = part.toolCallId;
  const media = part.content.flatMap((item) => {
    if (item.type !== 'image') return [];
    const encoded = encodeMedia(item.source);
    return isObject(encoded.inlineData) ? [{ inlineData: encoded.inlineData }] : [];
  });
  if (media.length > 0) functionResponse.parts = media;
  return { functionResponse };
}

const EXTENSION_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  mp4: 'video/mp4',
};

export function encodeMedia(source: ImageSource): JsonObject {
  if (source.kind === 'base64') return { inlineData: { mimeType: source.mediaType, data: source.data } };
  const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(source.url);
  if (dataUrl?.[1] !== undefined && dataUrl[2] !== undefined) {
    return { inlineData: { mimeType: dataUrl[1], data: dataUrl[2] } };
  }
  const fileData: JsonObject = { fileUri: source.url };
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(source.url)?.[1]?.toLowerCase();
  const mimeType = extension === undefined ? undefined : EXTENSION_TYPES[extension];
  if (mimeType !== undefined) fileData.mimeType = mimeType;
  return { fileData };
}
