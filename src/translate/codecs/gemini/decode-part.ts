import type { ContentPart, FilePart, ImagePart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { field, isObject, optionalObject, optionalString, type JsonObject } from './json-access.js';
import { geminiOpaque, readThoughtSignature, signatureCarrier } from './thought-signature.js';

/** Gives the id for a function call that has none (see tool-call-ids.ts). */
export type CallIdSource = (name: string) => string;

/**
 * One Gemini `Part` (not a functionResponse; the request decoder pairs those) → canonical parts.
 * Usually one part; two when a signature must ride on a carrier (see thought-signature.ts); none
 * for parts that carry nothing canonical (empty text, metadata-only parts).
 */
export function decodePart(part: unknown, path: string, nextCallId: CallIdSource): ContentPart[] {
  if (!isObject(part)) throw new TranslationError(`${path} must be an object`, path);
  const signature = readThoughtSignature(part, path);

  const functionCall = optionalObject(part, 'functionCall', path);
  if (functionCall !== undefined) {
    const callPath = `${path}.functionCall`;
    const name = optionalString(functionCall, 'name', callPath);
    if (name === undefined) throw new TranslationError(`${callPath}.name is required`, `${callPath}.name`);
    const args = field(functionCall, 'args');
    if (args !== undefined && args !== null && !isObject(args)) {
      throw new TranslationError(`${callPath}.args must be an object`, `${callPath}.args`);
    }
    const id = optionalString(functionCall, 'id', callPath) ?? nextCallId(name);
    const call: ContentPart = { type: 'tool_call', id, name, arguments: JSON.stringify(args ?? {}) };
    if (signature !== undefined) call.opaque = geminiOpaque(signature);
    return [call];
  }

  const decoded = decodeDataPart(part, path);
  const text = optionalString(part, 'text', path);
  if (field(part, 'thought') === true) {
    return [
      {
        type: 'reasoning',
        text: text ?? '',
        ...(signature !== undefined ? { opaque: geminiOpaque(signature) } : {}),
      },
    ];
  }
  const parts: ContentPart[] = [];
  if (signature !== undefined) parts.push(signatureCarrier(signature));
  if (decoded !== undefined) parts.push(decoded);
  else if (text !== undefined && text !== '') parts.push({ type: 'text', text });
  return parts;
}

function decodeDataPart(part: JsonObject, path: string): ContentPart | undefined {
  const inline = optionalObject(part, 'inlineData', path);
  if (inline !== undefined) {
    const blobPath = `${path}.inlineData`;
    const mediaType = optionalString(inline, 'mimeType', blobPath);
    const data = optionalString(inline, 'data', blobPath);
    if (data === undefined) throw new TranslationError(`${blobPath}.data is required`, `${blobPath}.data`);
    if (mediaType === undefined) {
      throw new TranslationError(`${blobPath}.mimeType is required`, `${blobPath}.mimeType`);
    }
    return mediaPart(mediaType, { kind: 'base64', mediaType, data: standardBase64(data) });
  }
  const file = optionalObject(part, 'fileData', path);
  if (file !== undefined) {
    const filePath = `${path}.fileData`;
    const uri = optionalString(file, 'fileUri', filePath);
    if (uri === undefined) throw new TranslationError(`${filePath}.fileUri is required`, `${filePath}.fileUri`);
    return mediaPart(optionalString(file, 'mimeType', filePath) ?? '', { kind: 'url', url: uri });
  }
  // Code execution has no canonical part; keeping it as text preserves what the model saw.
  const code = optionalObject(part, 'executableCode', path);
  if (code !== undefined) {
    const language = (optionalString(code, 'language', `${path}.executableCode`) ?? '').toLowerCase();
    const source = optionalString(code, 'code', `${path}.executableCode`) ?? '';
    return { type: 'text', text: `\`\`\`${language === 'language_unspecified' ? '' : language}\n${source}\n\`\`\`` };
  }
  const result = optionalObject(part, 'codeExecutionResult', path);
  if (result !== undefined) {
    return { type: 'text', text: optionalString(result, 'output', `${path}.codeExecutionResult`) ?? '' };
  }
  return undefined;
}

function mediaPart(mediaType: string, source: ImagePart['source']): ImagePart | FilePart {
  return mediaType.toLowerCase().startsWith('image/') ? { type: 'image', source } : { type: 'file', source };
}

/** The Python SDK sends URL-safe base64; canonical data is standard base64. */
export function standardBase64(data: string): string {
  return data.replace(/-/g, '+').replace(/_/g, '/');
}
