import { TranslationError } from '../../translation-error.js';

/**
 * Small readers for untrusted JSON. Each throws a `TranslationError` naming the JSON path, so
 * malformed input never surfaces as a bare TypeError deep inside a codec.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectRecord(value: unknown, path: string): JsonRecord {
  if (!isRecord(value)) throw new TranslationError(`${path} must be an object`, path);
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

/** A non-negative integer token count, or undefined when absent/null (never invented). */
export function optionalCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
