// Test helper: validates bodies against the published OpenAI OpenAPI spec (3.1 = JSON Schema 2020-12).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { FIXTURES_DIR } from './load-fixtures.js';

const SPEC_PATH = path.resolve(FIXTURES_DIR, '../../specs/openai/openapi.json');

type Validate = (data: unknown) => boolean;
let ajv: Ajv2020 | undefined;
const cache = new Map<string, Validate & { errors?: unknown }>();

function instance(): Ajv2020 {
  if (ajv !== undefined) return ajv;
  const created = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  const addFormats = addFormatsModule as unknown as (a: Ajv2020) => void;
  addFormats(created);
  created.addFormat('unixtime', true);
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { components: { schemas: Record<string, Record<string, unknown>> } };
  // The spec's input-item unions are `oneOf` + an OpenAPI discriminator that plain JSON Schema
  // cannot apply: a user message with a content array matches both EasyInputMessage and
  // InputMessage, so even OpenAI's own recorded requests fail `oneOf`. Judge them as `anyOf`.
  for (const name of ['InputItem', 'Item']) {
    const schema = spec.components.schemas[name];
    if (schema?.oneOf !== undefined) {
      schema.anyOf = schema.oneOf;
      delete schema.oneOf;
    }
  }
  // The spec requires every usage detail count (even cache_write_tokens, which OpenAI's own
  // recorded responses lack). The gateway never invents a count it was not given, so details
  // are checked for shape, not presence.
  const usage = spec.components.schemas.ResponseUsage as { required: string[]; properties: Record<string, { required?: string[] }> };
  usage.required = usage.required.filter((key) => !key.endsWith('_details'));
  for (const key of ['input_tokens_details', 'output_tokens_details']) delete usage.properties[key]?.required;
  created.addSchema(spec, 'openai');
  ajv = created;
  return created;
}

/** Returns the ajv errors (empty when valid) for `data` against components/schemas/<name>. */
export function specErrors(name: string, data: unknown): unknown[] {
  let validate = cache.get(name);
  if (validate === undefined) {
    validate = instance().compile({ $ref: `openai#/components/schemas/${name}` });
    cache.set(name, validate);
  }
  return validate(data) ? [] : ((validate.errors as unknown[] | null | undefined) ?? ['invalid']);
}
