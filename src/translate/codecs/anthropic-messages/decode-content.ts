import type {
  FilePart,
  ImagePart,
  ImageSource,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { ANTHROPIC_FORMAT } from './format.js';
import {
  expectArray,
  expectObject,
  expectString,
  isObject,
  optionalBoolean,
  optionalString,
  type JsonObject,
} from '../../json-guards.js';

/** Anthropic `text` block → canonical text, keeping `cache_control` and citations. */
export function decodeTextBlock(block: JsonObject, path: string): TextPart {
  const part: TextPart = { type: 'text', text: expectString(block.text, `${path}.text`) };
  if (isObject(block.cache_control)) part.cacheControl = block.cache_control;
  if (Array.isArray(block.citations) && block.citations.length > 0) part.citations = block.citations;
  return part;
}

function decodeSource(value: unknown, path: string): ImageSource {
  const source = expectObject(value, path);
  const type = expectString(source.type, `${path}.type`);
  if (type === 'base64') {
    return {
      kind: 'base64',
      mediaType: expectString(source.media_type, `${path}.media_type`),
      data: expectString(source.data, `${path}.data`),
    };
  }
  if (type === 'url') return { kind: 'url', url: expectString(source.url, `${path}.url`) };
  if (type === 'text') {
    // Plain-text documents become a base64 text/plain file so every format can carry them.
    const data = expectString(source.data, `${path}.data`);
    return { kind: 'base64', mediaType: 'text/plain', data: Buffer.from(data, 'utf8').toString('base64') };
  }
  throw new TranslationError(`${path}.type '${type}' cannot be translated to another format`, `${path}.type`);
}

export function decodeImageBlock(block: JsonObject, path: string): ImagePart {
  return { type: 'image', source: decodeSource(block.source, `${path}.source`) };
}

/** `document` blocks; a `content` source (a list of text blocks) is unrolled into text parts. */
export function decodeDocumentBlock(block: JsonObject, path: string): Array<FilePart | TextPart> {
  const source = expectObject(block.source, `${path}.source`);
  if (source.type === 'content') {
    if (typeof source.content === 'string') return [{ type: 'text', text: source.content }];
    const items = expectArray(source.content, `${path}.source.content`);
    return items.flatMap((item, i) => {
      const itemPath = `${path}.source.content[${i}]`;
      const record = expectObject(item, itemPath);
      return record.type === 'text' ? [decodeTextBlock(record, itemPath)] : [];
    });
  }
  const part: FilePart = { type: 'file', source: decodeSource(source, `${path}.source`) };
  const title = optionalString(block.title, `${path}.title`);
  if (title !== undefined) part.filename = title;
  return [part];
}

export function decodeToolUseBlock(block: JsonObject, path: string): ToolCallPart {
  const input = block.input === undefined ? {} : block.input;
  if (!isObject(input)) throw new TranslationError(`${path}.input must be an object`, `${path}.input`);
  return {
    type: 'tool_call',
    id: expectString(block.id, `${path}.id`),
    name: expectString(block.name, `${path}.name`),
    arguments: JSON.stringify(input),
  };
}

export function decodeToolResultBlock(block: JsonObject, path: string): ToolResultPart {
  const part: ToolResultPart = {
    type: 'tool_result',
    toolCallId: expectString(block.tool_use_id, `${path}.tool_use_id`),
    content: decodeToolResultContent(block.content, `${path}.content`),
  };
  const isError = optionalBoolean(block.is_error, `${path}.is_error`);
  if (isError !== undefined) part.isError = isError;
  return part;
}

function decodeToolResultContent(value: unknown, path: string): Array<TextPart | ImagePart> {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [{ type: 'text', text: value }];
  const blocks = expectArray(value, path);
  const parts: Array<TextPart | ImagePart> = [];
  blocks.forEach((item, i) => {
    const itemPath = `${path}[${i}]`;
    const block = expectObject(item, itemPath);
    if (block.type === 'text') parts.push(decodeTextBlock(block, itemPath));
    else if (block.type === 'image') parts.push(decodeImageBlock(block, itemPath));
    else if (block.type === 'document') {
      // Only text survives inside a tool result in the canonical model.
      for (const part of decodeDocumentBlock(block, itemPath)) if (part.type === 'text') parts.push(part);
    }
    // search_result and other server-side blocks have no canonical form; dropped when translating.
  });
  return parts;
}

/**
 * `thinking` → reasoning with the signature as opaque state. An empty signature is not state
 * (it can only come from a translated response), so it is not carried.
 */
export function decodeThinkingBlock(block: JsonObject, path: string): ReasoningPart {
  const part: ReasoningPart = { type: 'reasoning', text: expectString(block.thinking, `${path}.thinking`) };
  const signature = optionalString(block.signature, `${path}.signature`);
  if (signature !== undefined && signature !== '') part.opaque = { origin: ANTHROPIC_FORMAT, signature };
  return part;
}

export function decodeRedactedThinkingBlock(block: JsonObject, path: string): ReasoningPart {
  return {
    type: 'reasoning',
    text: '',
    redacted: true,
    opaque: { origin: ANTHROPIC_FORMAT, redactedData: expectString(block.data, `${path}.data`) },
  };
}
