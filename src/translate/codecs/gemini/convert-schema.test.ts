import { describe, expect, it } from 'vitest';
import { toGeminiSchema } from './convert-schema.js';
import { fromGeminiSchema } from './from-gemini-schema.js';
import { validateGemini } from './test-support/spec-validator.js';

/** Gemini's Schema requires `type`, except that a pure anyOf node carries it in its branches. */
function specErrors(schema: unknown): string[] {
  return validateGemini('Schema', schema).filter((error) => !error.includes("required property 'type'"));
}

describe('toGeminiSchema', () => {
  it('inlines $defs/definitions refs, lets sibling keywords win, and does not report the tables as dropped', () => {
    const { schema, dropped } = toGeminiSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        home: { $ref: '#/$defs/Address', description: 'Home' },
        work: { $ref: '#/definitions/Address' },
      },
      $defs: { Address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } },
      definitions: { Address: { type: 'object', properties: { zip: { type: 'string' } } } },
    });
    expect(schema).toEqual({
      type: 'OBJECT',
      properties: {
        home: { type: 'OBJECT', description: 'Home', properties: { city: { type: 'STRING' } }, required: ['city'] },
        work: { type: 'OBJECT', properties: { zip: { type: 'STRING' } } },
      },
    });
    expect(dropped.sort()).toEqual(['$schema', 'properties.home.additionalProperties']);
    expect(specErrors(schema)).toEqual([]);
  });

  it('stops at a cycle with a typed stub and reports it', () => {
    const { schema, dropped } = toGeminiSchema({
      type: 'object',
      properties: { root: { $ref: '#/$defs/Node' } },
      $defs: { Node: { type: 'object', properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } } } },
    });
    expect(schema).toEqual({
      type: 'OBJECT',
      properties: {
        root: {
          type: 'OBJECT',
          properties: { value: { type: 'INTEGER' }, children: { type: 'ARRAY', items: { type: 'OBJECT' } } },
        },
      },
    });
    expect(dropped).toEqual(['properties.root.properties.children.items.$ref']);
  });

  it('reuses a definition in sibling positions (not a cycle)', () => {
    const { schema, dropped } = toGeminiSchema({
      type: 'object',
      properties: { a: { $ref: '#/$defs/S' }, b: { $ref: '#/$defs/S' } },
      $defs: { S: { type: 'string', format: 'email' } },
    });
    expect(schema.properties).toEqual({ a: { type: 'STRING' }, b: { type: 'STRING' } });
    expect(dropped).toEqual(['properties.a.format', 'properties.b.format']);
  });

  it('turns type arrays and null branches into nullable, unions into anyOf, oneOf into anyOf', () => {
    const { schema, dropped } = toGeminiSchema({
      type: 'object',
      properties: {
        maybe: { type: ['string', 'null'] },
        either: { type: ['string', 'number'] },
        optional: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
        choice: { oneOf: [{ type: 'string' }, { type: 'boolean' }] },
      },
    });
    expect(schema.properties).toEqual({
      maybe: { type: 'STRING', nullable: true },
      either: { anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] },
      optional: { type: 'INTEGER', nullable: true },
      choice: { anyOf: [{ type: 'STRING' }, { type: 'BOOLEAN' }] },
    });
    expect(dropped).toEqual([]);
    expect(specErrors(schema)).toEqual([]);
  });

  it('maps const to a one-value enum and drops non-string enums', () => {
    const { schema, dropped } = toGeminiSchema({
      type: 'object',
      properties: { kind: { const: 'circle' }, level: { type: 'integer', enum: [1, 2] }, color: { type: 'string', enum: ['red', null] } },
    });
    expect(schema.properties).toEqual({
      kind: { type: 'STRING', enum: ['circle'] },
      level: { type: 'INTEGER' },
      color: { type: 'STRING', enum: ['red'], nullable: true },
    });
    expect(dropped).toEqual(['properties.level.enum']);
  });

  it('keeps only the formats Gemini documents, and converts int64 limits to strings', () => {
    const { schema, dropped } = toGeminiSchema({
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time' },
        uri: { type: 'string', format: 'uri', minLength: 3 },
        count: { type: 'integer', format: 'int32', minimum: 0, exclusiveMaximum: 10 },
        ratio: { type: 'number', format: 'percent' },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
      },
    });
    expect(schema.properties).toEqual({
      when: { type: 'STRING', format: 'date-time' },
      uri: { type: 'STRING', minLength: '3' },
      count: { type: 'INTEGER', format: 'int32', minimum: 0 },
      ratio: { type: 'NUMBER' },
      tags: { type: 'ARRAY', items: { type: 'STRING' }, minItems: '1' },
    });
    expect(dropped.sort()).toEqual([
      'properties.count.exclusiveMaximum',
      'properties.ratio.format',
      'properties.tags.uniqueItems',
      'properties.uri.format',
    ]);
    expect(specErrors(schema)).toEqual([]);
  });

  it('merges allOf branches (properties and required united)', () => {
    const { schema } = toGeminiSchema({
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { $ref: '#/$defs/B' },
      ],
      $defs: { B: { properties: { b: { type: 'number' } }, required: ['b'] } },
    });
    expect(schema).toEqual({ type: 'OBJECT', properties: { a: { type: 'STRING' }, b: { type: 'NUMBER' } }, required: ['a', 'b'] });
  });

  it('drops required names that are not properties, examples, and unknown keywords', () => {
    const { schema, dropped } = toGeminiSchema({
      type: 'object',
      properties: { a: { type: 'string', examples: ['x'], default: 'y' } },
      required: ['a', 'ghost'],
      patternProperties: { '^x': { type: 'string' } },
    });
    expect(schema).toEqual({ type: 'OBJECT', properties: { a: { type: 'STRING', default: 'y' } }, required: ['a'] });
    expect(dropped.sort()).toEqual(['patternProperties', 'properties.a.examples', 'required']);
  });

  it('adds declaration-order propertyOrdering on request', () => {
    const { schema } = toGeminiSchema(
      { type: 'object', properties: { z: { type: 'string' }, a: { type: 'string' } } },
      { propertyOrdering: true },
    );
    expect(schema.propertyOrdering).toEqual(['z', 'a']);
  });
});

describe('fromGeminiSchema', () => {
  it('turns the Gemini subset (upper-case, snake_case, nullable, int64 strings) into JSON Schema', () => {
    expect(
      fromGeminiSchema({
        type: 'OBJECT',
        property_ordering: ['a'],
        properties: { a: { type: 'STRING', nullable: true, format: 'enum', enum: ['x'] }, b: { type: 'ARRAY', items: { type: 'INTEGER' }, max_items: '3' } },
      }),
    ).toEqual({
      type: 'object',
      properties: { a: { type: ['string', 'null'], enum: ['x'] }, b: { type: 'array', items: { type: 'integer' }, maxItems: 3 } },
    });
  });
});
