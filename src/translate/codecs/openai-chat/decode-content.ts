import type { ContentPart, FilePart, ImagePart, TextPart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { normaliseBase64, sourceFromUrl } from '../../data-url.js';
import { expectArray, expectObject, expectString, joinPath, optionalString } from '../../json-guards.js';

/** `content` of system, developer and tool messages: a string or an array of text parts. */
export function decodeTextContent(content: unknown, path: string): TextPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return expectArray(content, path).map((item, index) => {
    const partPath = joinPath(path, index);
    const part = expectObject(item, partPath);
    if (part.type !== 'text' && part.type !== 'input_text') {
      throw new TranslationError(`${partPath}.type must be "text" here`, joinPath(partPath, 'type'));
    }
    return { type: 'text', text: expectString(part.text, joinPath(partPath, 'text')) };
  });
}

/** `content` of a user message: a string or text / image_url / input_audio / file parts. */
export function decodeUserContent(content: unknown, path: string): ContentPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return expectArray(content, path).map((item, index) => decodeUserPart(item, joinPath(path, index)));
}

function decodeUserPart(item: unknown, path: string): TextPart | ImagePart | FilePart {
  const part = expectObject(item, path);
  switch (part.type) {
    case 'text':
    case 'input_text':
      return { type: 'text', text: expectString(part.text, joinPath(path, 'text')) };
    case 'image_url':
      return decodeImagePart(part.image_url, joinPath(path, 'image_url'));
    case 'input_audio':
      return decodeAudioPart(part.input_audio, joinPath(path, 'input_audio'));
    case 'file':
      return decodeFilePart(part.file, joinPath(path, 'file'));
    default:
      throw new TranslationError(`${path}.type ${JSON.stringify(part.type)} is not supported`, joinPath(path, 'type'));
  }
}

function decodeImagePart(raw: unknown, path: string): ImagePart {
  // Some clients send `image_url` as a bare string rather than `{url}`.
  const imageUrl = typeof raw === 'string' ? { url: raw } : expectObject(raw, path);
  const url = expectString(imageUrl.url, joinPath(path, 'url'));
  const image: ImagePart = { type: 'image', source: sourceFromUrl(url, 'image/png') };
  const detail = optionalString(imageUrl.detail, joinPath(path, 'detail'));
  if (detail !== undefined) image.detail = detail;
  return image;
}

function decodeAudioPart(raw: unknown, path: string): FilePart {
  const audio = expectObject(raw, path);
  const data = expectString(audio.data, joinPath(path, 'data'));
  const format = expectString(audio.format, joinPath(path, 'format'));
  return { type: 'file', source: { kind: 'base64', mediaType: `audio/${format}`, data: normaliseBase64(data) } };
}

function decodeFilePart(raw: unknown, path: string): FilePart {
  const file = expectObject(raw, path);
  const filename = optionalString(file.filename, joinPath(path, 'filename'));
  const fileData = optionalString(file.file_data, joinPath(path, 'file_data'));
  if (fileData === undefined) {
    // A `file_id` names an object stored at OpenAI; no other provider can resolve it.
    throw new TranslationError(`${path}.file_data is required (file_id cannot be translated)`, joinPath(path, 'file_data'));
  }
  const source = fileData.startsWith('data:')
    ? sourceFromUrl(fileData, 'application/pdf')
    : { kind: 'base64' as const, mediaType: 'application/pdf', data: normaliseBase64(fileData) };
  const part: FilePart = { type: 'file', source };
  if (filename !== undefined) part.filename = filename;
  return part;
}
