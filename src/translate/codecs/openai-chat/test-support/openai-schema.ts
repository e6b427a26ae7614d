// Test helper: validates encoder output against the published OpenAI OpenAPI spec (../shared/specs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const specPath = path.resolve(repoRoot, '../shared/specs/openai/openapi.json');

export type OpenAiSchemaName =
  | 'CreateChatCompletionRequest'
  | 'CreateChatCompletionResponse'
  | 'CreateChatCompletionStreamResponse'
  | 'ErrorResponse';

/**
 * The spec is OpenAPI 3.1 but still uses 3.0's `nullable` in places, which Ajv's 2020 dialect
 * rejects; rewrite it as the equivalent JSON Schema union.
 */
function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteNullable);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = rewriteNullable(value);
  if (out.nullable !== true) {
    delete out.nullable;
    return out;
  }
  delete out.nullable;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

let ajv: Ajv2020 | undefined;

function createAjv(): Ajv2020 {
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as { components: unknown };
  const instance = new Ajv2020({ strict: false, allErrors: true });
  // ajv-formats is CommonJS; under NodeNext its callable sits on `.default`.
  const addFormats = (addFormatsModule as unknown as { default: (target: Ajv2020) => void }).default;
  addFormats(instance);
  instance.addFormat('unixtime', true);
  instance.addSchema({ $id: 'openai.json', components: rewriteNullable(spec.components) });
  return instance;
}

function validatorFor(name: OpenAiSchemaName): ValidateFunction {
  ajv ??= createAjv();
  const validate = ajv.getSchema(`openai.json#/components/schemas/${name}`);
  if (validate === undefined) throw new Error(`schema ${name} not found in the OpenAI spec`);
  return validate;
}

/** Returns the schema violations of `value` (empty when valid). */
export function openAiSchemaErrors(name: OpenAiSchemaName, value: unknown): string[] {
  const validate = validatorFor(name);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
