import type { TextPart, ToolResultPart, ImagePart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { field, isObject, optionalArray, optionalObject, optionalString, type JsonObject } from './json-access.js';
import { decodePart } from './decode-part.js';

/**
 * `functionResponse.response` is a free JSON object. The encoder wraps plain text as
 * `{"result": text}` and failures as `{"error": text}` (the key Google documents for failures);
 * those two shapes are unwrapped back to text here, anything else travels as its JSON text.
 */
export function decodeFunctionResponse(
  functionResponse: JsonObject,
  path: string,
  toolCallId: string,
): ToolResultPart {
  const name = optionalString(functionResponse, 'name', path);
  if (name === undefined) throw new TranslationError(`${path}.name is required`, `${path}.name`);
  const response = field(functionResponse, 'response');
  if (response !== undefined && response !== null && !isObject(response)) {
    throw new TranslationError(`${path}.response must be an object`, `${path}.response`);
  }
  const content: Array<TextPart | ImagePart> = [];
  let isError: boolean | undefined;
  const body = response ?? {};
  const keys = Object.keys(body);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only === 'result' && typeof body.result === 'string') {
    content.push({ type: 'text', text: body.result });
  } else if (only === 'error' && typeof body.error === 'string') {
    content.push({ type: 'text', text: body.error });
    isError = true;
  } else if (keys.length > 0) {
    content.push({ type: 'text', text: JSON.stringify(body) });
  }
  const extraParts = optionalArray(functionResponse, 'parts', path) ?? [];
  extraParts.forEach((part, index) => {
    const partPath = `${path}.parts[${index}]`;
    if (isObject(part) && optionalObject(part, 'inlineData', partPath) === undefined) return;
    for (const decoded of decodePart(part, partPath, () => '')) {
      if (decoded.type === 'image' || decoded.type === 'text') content.push(decoded);
    }
  });
  const result: ToolResultPart = { type: 'tool_result', toolCallId, name, content };
  if (isError !== undefined) result.isError = isError;
  return result;
}
