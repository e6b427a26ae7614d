import { TranslationError } from '../../translation-error.js';

/** Helpers for reading untrusted Gemini JSON: camelCase or snake_case keys, typed, with a JSON path on failure. */

import { isObject, type JsonObject } from '../../json-guards.js';

export { isObject, type JsonObject };

export function snakeCase(camel: string): string {
  return camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * The REST API accepts proto field names in both spellings (`inlineData` / `inline_data`) and the
 * Python SDK sends snake_case in places, so every read looks up both.
 */
export function field(object: JsonObject, camel: string): unknown {
  if (camel in object) return object[camel];
  const snake = snakeCase(camel);
  return snake === camel ? undefined : object[snake];
}

export function hasField(object: JsonObject, camel: string): boolean {
  return camel in object || snakeCase(camel) in object;
}

export function optionalString(object: JsonObject, camel: string, path: string): string | undefined {
  const value = field(object, camel);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TranslationError(`${path}.${camel} must be a string`, `${path}.${camel}`);
  return value;
}

export function optionalNumber(object: JsonObject, camel: string, path: string): number | undefined {
  const value = field(object, camel);
  if (value === undefined || value === null) return undefined;
  // proto3 JSON allows int64/int32 as decimal strings.
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TranslationError(`${path}.${camel} must be a number`, `${path}.${camel}`);
  }
  return value;
}

export function optionalBoolean(object: JsonObject, camel: string, path: string): boolean | undefined {
  const value = field(object, camel);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new TranslationError(`${path}.${camel} must be a boolean`, `${path}.${camel}`);
  return value;
}

export function optionalObject(object: JsonObject, camel: string, path: string): JsonObject | undefined {
  const value = field(object, camel);
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new TranslationError(`${path}.${camel} must be an object`, `${path}.${camel}`);
  return value;
}

export function optionalArray(object: JsonObject, camel: string, path: string): unknown[] | undefined {
  const value = field(object, camel);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new TranslationError(`${path}.${camel} must be an array`, `${path}.${camel}`);
  return value;
}

export function joinPath(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

/** Parses JSON text, returning undefined instead of throwing. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
