import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { specsDir } from './load-fixtures.js';

/**
 * Test helper: validates bodies against components of the published Gemini OpenAPI 3.0 spec.
 * OpenAPI's `nullable`/`readOnly` and Google's `x-google-*` annotations are not JSON Schema
 * keywords, so ajv runs non-strict; proto number formats (int32, int64, float, double, byte)
 * are declared so a bad value type is still caught by `type`.
 */
const spec = JSON.parse(readFileSync(path.join(specsDir, 'gemini/openapi3-v1beta.json'), 'utf8')) as {
  components: { schemas: Record<string, unknown> };
};

const ajv = new Ajv({ strict: false, allErrors: true });
const addFormats = addFormatsModule as unknown as (instance: Ajv) => Ajv;
addFormats(ajv);
for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'google-datetime', 'google-duration', 'google-fieldmask']) {
  ajv.addFormat(format, true);
}
ajv.addSchema({ $id: 'gemini', components: spec.components });

const cache = new Map<string, ValidateFunction>();

export function validateGemini(component: string, value: unknown): string[] {
  let validate = cache.get(component);
  if (validate === undefined) {
    validate = ajv.compile({ $ref: `gemini#/components/schemas/${component}` });
    cache.set(component, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

/** Gemini's error body: `{"error": Status}`, where Google also always sends the REST `status` name. */
export function validateGeminiError(value: unknown): string[] {
  const problems = validateGemini('Status', (value as { error?: unknown }).error);
  const error = (value as { error?: { status?: unknown; code?: unknown; message?: unknown } }).error;
  if (typeof error?.status !== 'string') problems.push('/error/status missing');
  if (typeof error?.code !== 'number') problems.push('/error/code missing');
  if (typeof error?.message !== 'string') problems.push('/error/message missing');
  return problems;
}

/**
 * The spec's GenerateContentRequest lists `model` as required, but over REST it is bound from the
 * URL path (`models/{model}:generateContent`), which is where OmniRoute sends it; validate the
 * request as the API assembles it.
 */
export function validateGeminiRequest(body: unknown, model: string): string[] {
  return validateGemini('GenerateContentRequest', { ...(body as Record<string, unknown>), model: `models/${model}` });
}
