import { TranslationError } from './translation-error.js';

/** Helpers that narrow `unknown` wire JSON and name the JSON path when it is malformed. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw new TranslationError(`${path || 'body'} must be an object`, path || undefined);
  return value;
}

export function expectArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new TranslationError(`${path} must be an array`, path);
  return value;
}

export function expectString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new TranslationError(`${path} must be a string`, path);
  return value;
}

// Real clients send `null` for "not set" as often as they omit the key, so both mean absent.
export function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  return expectString(value, path);
}

export function optionalNumber(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TranslationError(`${path} must be a number`, path);
  }
  return value;
}

export function optionalBoolean(value: unknown, path: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new TranslationError(`${path} must be a boolean`, path);
  return value;
}

/** A number when the value is one, otherwise undefined: for provider output we only read, never reject. */
export function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}
