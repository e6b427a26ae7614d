import { isObject, type JsonObject } from './json-access.js';

/**
 * JSON Schema → the OpenAPI 3.0 subset Gemini's `Schema` object accepts
 * (specs/gemini/openapi3-v1beta.json, component `Schema`). Anything outside that subset is
 * converted when an equivalent exists and dropped otherwise; every dropped keyword is reported by
 * its path so the gateway can record what the upstream never saw.
 */

export interface GeminiSchemaResult {
  schema: JsonObject;
  /** Paths (dotted, relative to the root schema) of keywords that were dropped. */
  dropped: string[];
}

export interface GeminiSchemaOptions {
  /**
   * Add `propertyOrdering` from the declared key order. Gemini orders structured output
   * alphabetically otherwise, while JSON Schema authors expect declaration order.
   */
  propertyOrdering?: boolean;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'STRING',
  number: 'NUMBER',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  array: 'ARRAY',
  object: 'OBJECT',
  null: 'NULL',
};

/** The `format` values Gemini documents per type; others are rejected or ignored, so they go. */
const FORMATS_BY_TYPE: Record<string, readonly string[]> = {
  STRING: ['enum', 'date-time'],
  INTEGER: ['int32', 'int64'],
  NUMBER: ['float', 'double'],
};

/** int64 fields of `Schema`: proto3 JSON writes int64 as a decimal string. */
const INT64_KEYWORDS = ['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties'] as const;

const COPIED_KEYWORDS = ['title', 'description', 'pattern', 'minimum', 'maximum', 'example', 'default'] as const;

/** Keywords handled explicitly below (everything else is dropped and reported). */
const HANDLED = new Set<string>([
  'type',
  'format',
  'nullable',
  'enum',
  'const',
  'items',
  'properties',
  'required',
  'anyOf',
  'oneOf',
  'allOf',
  'propertyOrdering',
  'property_ordering',
  '$ref',
  ...INT64_KEYWORDS,
  ...COPIED_KEYWORDS,
]);

/** Definitions tables: their content is inlined where referenced, so nothing is lost. */
const INLINED = new Set<string>(['$defs', 'definitions']);

interface Context {
  root: JsonObject;
  dropped: string[];
  /** `$ref`s currently being expanded: a ref met again inside itself is a cycle. */
  expanding: string[];
  options: GeminiSchemaOptions;
}

export function toGeminiSchema(schema: unknown, options: GeminiSchemaOptions = {}): GeminiSchemaResult {
  const root = isObject(schema) ? schema : {};
  const context: Context = { root, dropped: [], expanding: [], options };
  const converted = convertNode(schema, '', context);
  return { schema: converted, dropped: context.dropped };
}

function pathOf(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

function convertNode(node: unknown, path: string, context: Context): JsonObject {
  if (node === true || node === undefined) return {};
  if (!isObject(node)) {
    context.dropped.push(path === '' ? '(root)' : path);
    return {};
  }
  const resolved = resolveRefs(node, path, context);
  if (resolved.cyclic !== undefined) return resolved.cyclic;
  const source = mergeAllOf(resolved.node, path, context);
  const out: JsonObject = {};

  for (const key of Object.keys(source)) {
    if (!HANDLED.has(key) && !INLINED.has(key)) context.dropped.push(pathOf(path, key));
  }

  const nullableFromType = applyType(source, out, path, context);
  if (source.nullable === true || nullableFromType) out.nullable = true;

  for (const key of COPIED_KEYWORDS) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  for (const key of INT64_KEYWORDS) {
    const value = source[key];
    if (typeof value === 'number' && Number.isInteger(value)) out[key] = String(value);
    else if (typeof value === 'string' && /^\d+$/.test(value)) out[key] = value;
    else if (value !== undefined) context.dropped.push(pathOf(path, key));
  }

  applyEnum(source, out, path, context);
  applyFormat(source, out, path, context);
  applyItems(source, out, path, context);
  applyProperties(source, out, path, context);
  applyAnyOf(source, out, path, context);
  return out;
}

/**
 * Follows `$ref` chains. Expanded refs stay on `context.expanding` until the enclosing
 * `convertScoped` returns, so a ref met again below itself is recognised as a cycle and replaced
 * by a stub (its type only) instead of being unrolled forever.
 */
function resolveRefs(node: JsonObject, path: string, context: Context): { node: JsonObject; cyclic?: JsonObject } {
  let current = node;
  while (typeof current.$ref === 'string') {
    const ref = current.$ref;
    const { $ref: _ref, ...siblings } = current;
    const target = lookupPointer(context.root, ref);
    if (context.expanding.includes(ref)) {
      context.dropped.push(pathOf(path, '$ref'));
      const stub: JsonObject = {};
      const type = isObject(target) && typeof target.type === 'string' ? TYPE_NAMES[target.type] : undefined;
      if (type !== undefined) stub.type = type;
      if (typeof siblings.description === 'string') stub.description = siblings.description;
      return { node: current, cyclic: stub };
    }
    if (!isObject(target)) {
      context.dropped.push(pathOf(path, '$ref'));
      return { node: siblings };
    }
    context.expanding.push(ref);
    // Keywords beside `$ref` (description, title…) describe this use of the definition: they win.
    current = { ...target, ...siblings };
  }
  return { node: current };
}

function lookupPointer(root: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const pointer = ref.slice(1);
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

function mergeAllOf(node: JsonObject, path: string, context: Context): JsonObject {
  const allOf = node.allOf;
  if (allOf === undefined) return node;
  const { allOf: _allOf, ...rest } = node;
  if (!Array.isArray(allOf)) {
    context.dropped.push(pathOf(path, 'allOf'));
    return rest;
  }
  // Merge the branches into one schema: the common use (an object extended by several mixins,
  // or a `$ref` plus a description) has an exact merge; conflicting keywords keep the first value.
  let merged: JsonObject = { ...rest };
  allOf.forEach((branch, index) => {
    if (!isObject(branch)) {
      context.dropped.push(pathOf(path, `allOf.${index}`));
      return;
    }
    const resolved = resolveRefs(branch, pathOf(path, `allOf.${index}`), context);
    const resolvedBranch = mergeAllOf(resolved.cyclic ?? resolved.node, path, context);
    merged = mergeSchemas(merged, resolvedBranch);
  });
  return merged;
}

function mergeSchemas(base: JsonObject, extra: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    if (key === 'properties' && isObject(value) && isObject(merged.properties)) {
      merged.properties = { ...value, ...merged.properties };
    } else if (key === 'required' && Array.isArray(value) && Array.isArray(merged.required)) {
      merged.required = [...new Set([...(merged.required as unknown[]), ...value])];
    } else if (!(key in merged)) {
      merged[key] = value;
    }
  }
  return merged;
}

/** Returns true when the JSON Schema type list included "null". */
function applyType(source: JsonObject, out: JsonObject, path: string, context: Context): boolean {
  const type = source.type;
  if (type === undefined) return false;
  const names = Array.isArray(type) ? type : [type];
  const known: string[] = [];
  let nullable = false;
  for (const name of names) {
    const upper = typeof name === 'string' ? (TYPE_NAMES[name.toLowerCase()] ?? undefined) : undefined;
    if (upper === undefined) {
      context.dropped.push(pathOf(path, 'type'));
      continue;
    }
    if (upper === 'NULL' && names.length > 1) nullable = true;
    else known.push(upper);
  }
  if (known.length === 1) out.type = known[0];
  else if (known.length > 1) {
    // Gemini has no type unions: express ["string","number"] as anyOf of single types.
    out.anyOf = known.map((name) => ({ type: name }));
  }
  return nullable;
}

function applyEnum(source: JsonObject, out: JsonObject, path: string, context: Context): void {
  let values: unknown[] | undefined;
  if (Array.isArray(source.enum)) values = source.enum;
  else if (source.const !== undefined) values = [source.const];
  if (values === undefined) {
    if (source.enum !== undefined) context.dropped.push(pathOf(path, 'enum'));
    return;
  }
  const keyword = Array.isArray(source.enum) ? 'enum' : 'const';
  const strings = values.filter((value): value is string => typeof value === 'string');
  const hasNull = values.includes(null);
  // Gemini enums are string-only (Schema.enum items are strings).
  if (strings.length + (hasNull ? 1 : 0) !== values.length || strings.length === 0) {
    context.dropped.push(pathOf(path, keyword));
    return;
  }
  out.enum = strings;
  if (hasNull) out.nullable = true;
  if (out.type === undefined) out.type = 'STRING';
}

function applyFormat(source: JsonObject, out: JsonObject, path: string, context: Context): void {
  const format = source.format;
  if (format === undefined) return;
  const allowed = typeof out.type === 'string' ? FORMATS_BY_TYPE[out.type] : undefined;
  if (typeof format === 'string' && allowed !== undefined && allowed.includes(format)) out.format = format;
  else context.dropped.push(pathOf(path, 'format'));
}

function applyItems(source: JsonObject, out: JsonObject, path: string, context: Context): void {
  const items = source.items;
  if (items === undefined) return;
  if (isObject(items) || items === true) {
    out.items = convertScoped(items, pathOf(path, 'items'), context);
  } else {
    context.dropped.push(pathOf(path, 'items'));
  }
}

function applyProperties(source: JsonObject, out: JsonObject, path: string, context: Context): void {
  const properties = source.properties;
  if (properties !== undefined && !isObject(properties)) context.dropped.push(pathOf(path, 'properties'));
  const names = isObject(properties) ? Object.keys(properties) : [];
  if (isObject(properties) && names.length > 0) {
    const converted: JsonObject = {};
    for (const name of names) {
      converted[name] = convertScoped(properties[name], pathOf(path, `properties.${name}`), context);
    }
    out.properties = converted;
  }
  if (source.required !== undefined) {
    const required = Array.isArray(source.required) ? source.required : [];
    // Gemini rejects required names that are not declared properties.
    const kept = required.filter((name): name is string => typeof name === 'string' && names.includes(name));
    if (kept.length !== required.length || !Array.isArray(source.required)) {
      context.dropped.push(pathOf(path, 'required'));
    }
    if (kept.length > 0) out.required = kept;
  }
  const ordering = source.propertyOrdering ?? source.property_ordering;
  if (Array.isArray(ordering) && ordering.every((name) => typeof name === 'string')) {
    out.propertyOrdering = ordering;
  } else if (ordering !== undefined) {
    context.dropped.push(pathOf(path, 'propertyOrdering'));
  } else if (context.options.propertyOrdering === true && names.length > 1) {
    out.propertyOrdering = names;
  }
}

function applyAnyOf(source: JsonObject, out: JsonObject, path: string, context: Context): void {
  const keyword = source.anyOf !== undefined ? 'anyOf' : source.oneOf !== undefined ? 'oneOf' : undefined;
  if (keyword === undefined) return;
  if (source.anyOf !== undefined && source.oneOf !== undefined) context.dropped.push(pathOf(path, 'oneOf'));
  const branches = source[keyword];
  if (!Array.isArray(branches)) {
    context.dropped.push(pathOf(path, keyword));
    return;
  }
  const converted: JsonObject[] = [];
  branches.forEach((branch, index) => {
    // `{"type":"null"}` branches become `nullable`, the only way Gemini expresses optional nulls.
    if (isObject(branch) && branch.type === 'null' && Object.keys(branch).length === 1) {
      out.nullable = true;
      return;
    }
    converted.push(convertScoped(branch, pathOf(path, `anyOf.${index}`), context));
  });
  if (converted.length === 1 && out.type === undefined && out.anyOf === undefined) {
    const [only] = converted;
    for (const [key, value] of Object.entries(only ?? {})) if (!(key in out)) out[key] = value;
  } else if (converted.length > 0) {
    out.anyOf = [...((out.anyOf as JsonObject[] | undefined) ?? []), ...converted];
  }
}

/** Converts a child and releases the refs it expanded once it is done, so siblings may reuse them. */
function convertScoped(node: unknown, path: string, context: Context): JsonObject {
  const depth = context.expanding.length;
  const result = convertNode(node, path, context);
  context.expanding.length = depth;
  return result;
}
