import type { ContentPart, FilePart, ImagePart, TextPart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { sourceFromUrl } from '../../data-url.js';
import { expectString, isObject, optionalString, type JsonObject } from '../../json-guards.js';

/** Message `content` (a string or an array of content parts) → canonical parts. */
export function decodeMessageContent(content: unknown, path: string): ContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) {
    throw new TranslationError(`${path} must be a string or an array of content parts`, path);
  }
  return content.map((part, i) => decodeContentPart(part, `${path}[${i}]`));
}

/** A function_call_output `output`: a string or an array of input_text / input_image parts. */
export function decodeToolOutput(output: unknown, path: string): Array<TextPart | ImagePart> {
  if (typeof output === 'string') return [{ type: 'text', text: output }];
  if (!Array.isArray(output)) {
    throw new TranslationError(`${path} must be a string or an array of content parts`, path);
  }
  const parts: Array<TextPart | ImagePart> = [];
  output.forEach((raw, i) => {
    const part = decodeContentPart(raw, `${path}[${i}]`);
    // Canonical tool results hold text and images only; a file there has nowhere to go.
    if (part.type === 'file') {
      throw new TranslationError(`${path}[${i}]: files in tool output cannot be translated`, `${path}[${i}]`);
    }
    if (part.type === 'text' || part.type === 'image') parts.push(part);
  });
  return parts;
}

function decodeContentPart(raw: unknown, path: string): ContentPart {
  if (!isObject(raw)) throw new TranslationError(`${path} must be an object`, path);
  const type = raw.type;
  switch (type) {
    case 'input_text':
    case 'output_text':
    case 'text':
      return decodeText(raw, path);
    case 'refusal':
      return { type: 'text', text: expectString(raw.refusal, `${path}.refusal`) };
    case 'input_image':
      return decodeImage(raw, path);
    case 'input_file':
      return decodeFile(raw, path);
    default:
      throw new TranslationError(`${path}.type ${JSON.stringify(type)} is not a supported content part`, `${path}.type`);
  }
}

function decodeText(raw: JsonObject, path: string): TextPart {
  const part: TextPart = { type: 'text', text: expectString(raw.text, `${path}.text`) };
  if (Array.isArray(raw.annotations) && raw.annotations.length > 0) part.citations = raw.annotations;
  return part;
}

function decodeImage(raw: JsonObject, path: string): ImagePart {
  const url = imageUrl(raw.image_url, `${path}.image_url`);
  if (url === undefined) {
    // A file_id points into one OpenAI account's file store; no other provider can resolve it.
    const reason = raw.file_id ? 'file_id images cannot be translated to another provider' : 'image_url is required';
    throw new TranslationError(`${path}: ${reason}`, `${path}.image_url`);
  }
  const part: ImagePart = { type: 'image', source: sourceFromUrl(url) };
  const detail = optionalString(raw.detail, `${path}.detail`);
  if (detail !== undefined) part.detail = detail;
  return part;
}

/** Real clients send the Responses string form; chat-style `{url}` objects are tolerated. */
function imageUrl(value: unknown, path: string): string | undefined {
  if (isObject(value)) return optionalString(value.url, `${path}.url`);
  return optionalString(value, path);
}

function decodeFile(raw: JsonObject, path: string): FilePart {
  const filename = optionalString(raw.filename, `${path}.filename`);
  const fileData = optionalString(raw.file_data, `${path}.file_data`);
  const fileUrl = optionalString(raw.file_url, `${path}.file_url`);
  let part: FilePart;
  if (fileData !== undefined) {
    const source = sourceFromUrl(fileData);
    // Bare base64 without a data: prefix: the Responses file input is documented for PDFs.
    part = { type: 'file', source: source.kind === 'url' ? { kind: 'base64', mediaType: 'application/pdf', data: fileData } : source };
  } else if (fileUrl !== undefined) {
    part = { type: 'file', source: { kind: 'url', url: fileUrl } };
  } else {
    const reason = raw.file_id ? 'file_id files cannot be translated to another provider' : 'file_data or file_url is required';
    throw new TranslationError(`${path}: ${reason}`, `${path}.file_data`);
  }
  if (filename !== undefined) part.filename = filename;
  return part;
}
