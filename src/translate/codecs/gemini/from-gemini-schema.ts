import { isObject, type JsonObject } from './json-access.js';

/**
 * Gemini `Schema` (OpenAPI 3.0 subset, upper-case types, `nullable`, snake_case accepted) → plain
 * JSON Schema, so a tool declared by a Gemini client can be sent to OpenAI or Anthropic.
 */
export function fromGeminiSchema(schema: unknown): JsonObject {
  if (!isObject(schema)) return {};
  const out: JsonObject = {};
  let nullable = false;
  for (const [rawKey, value] of Object.entries(schema)) {
    const key = rawKey.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
    switch (key) {
      case 'type':
        if (typeof value === 'string' && value.toUpperCase() !== 'TYPE_UNSPECIFIED') out.type = value.toLowerCase();
        break;
      case 'nullable':
        nullable = value === true;
        break;
      case 'format':
        // `enum` is Gemini's marker for enum strings; JSON Schema says that with `enum` alone.
        if (value !== 'enum') out.format = value;
        break;
      case 'properties':
        if (isObject(value)) {
          out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, fromGeminiSchema(child)]));
        }
        break;
      case 'items':
        out.items = fromGeminiSchema(value);
        break;
      case 'anyOf':
        if (Array.isArray(value)) out.anyOf = value.map((child) => fromGeminiSchema(child));
        break;
      case 'minItems':
      case 'maxItems':
      case 'minLength':
      case 'maxLength':
      case 'minProperties':
      case 'maxProperties':
        out[key] = typeof value === 'string' ? Number(value) : value;
        break;
      case 'example':
        out.examples = [value];
        break;
      case 'propertyOrdering':
        // Gemini-only; JSON Schema keeps declaration order in `properties` itself.
        break;
      default:
        out[key] = value;
    }
  }
  if (nullable) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.anyOf)) out.anyOf = [...out.anyOf, { type: 'null' }];
  }
  return out;
}
