import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { specsDir } from './load-fixtures.js';

/**
 * Test helper: validates bodies against component schemas of the published Anthropic OpenAPI
 * spec. The spec's `$ref`s point at `#/components/schemas/…`, so the whole spec is registered
 * as one schema document and components are referenced by JSON pointer.
 */
const SPEC_ID = 'anthropic-openapi';

type Validate = (value: unknown) => string[];

function createAjv(): Ajv2020 {
  const spec = JSON.parse(readFileSync(path.join(specsDir, 'anthropic/openapi.json'), 'utf8')) as Record<string, unknown>;
  // OpenAPI keywords ajv does not know are annotations here.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
  addFormats(ajv);
  ajv.addKeyword('discriminator');
  ajv.addKeyword('example');
  ajv.addSchema({ $id: SPEC_ID, components: spec.components });
  return ajv;
}

let shared: Ajv2020 | undefined;
const cache = new Map<string, Validate>();

/** A validator for `#/components/schemas/<name>`; returns the error list (empty when valid). */
export function specValidator(name: string): Validate {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  shared ??= createAjv();
  const ajv = shared;
  const validate = ajv.getSchema(`${SPEC_ID}#/components/schemas/${name}`);
  if (validate === undefined) throw new Error(`no schema ${name}`);
  const run: Validate = (value) =>
    validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
  cache.set(name, run);
  return run;
}
