import type { CanonicalRequest, ReasoningEffort } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { fromGeminiSchema } from './from-gemini-schema.js';
import {
  field,
  isObject,
  optionalArray,
  optionalBoolean,
  optionalNumber,
  optionalObject,
  optionalString,
  type JsonObject,
} from './json-access.js';

const PATH = 'generationConfig';

/** generationConfig keys given a canonical meaning here; the others are returned as leftovers. */
const MAPPED = new Set([
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'stopSequences',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'thinkingConfig',
]);

const LEVEL_TO_EFFORT: Record<string, ReasoningEffort> = {
  MINIMAL: 'minimal',
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
};

/** Fills the canonical sampling/reasoning/format fields; returns the keys with no canonical meaning. */
export function decodeGenerationConfig(config: JsonObject, request: CanonicalRequest): JsonObject {
  const maxOutputTokens = optionalNumber(config, 'maxOutputTokens', PATH);
  if (maxOutputTokens !== undefined) request.maxOutputTokens = maxOutputTokens;
  const temperature = optionalNumber(config, 'temperature', PATH);
  if (temperature !== undefined) request.temperature = temperature;
  const topP = optionalNumber(config, 'topP', PATH);
  if (topP !== undefined) request.topP = topP;
  const topK = optionalNumber(config, 'topK', PATH);
  if (topK !== undefined) request.topK = topK;
  const seed = optionalNumber(config, 'seed', PATH);
  if (seed !== undefined) request.seed = seed;
  const presencePenalty = optionalNumber(config, 'presencePenalty', PATH);
  if (presencePenalty !== undefined) request.presencePenalty = presencePenalty;
  const frequencyPenalty = optionalNumber(config, 'frequencyPenalty', PATH);
  if (frequencyPenalty !== undefined) request.frequencyPenalty = frequencyPenalty;

  const stops = optionalArray(config, 'stopSequences', PATH);
  if (stops !== undefined) {
    if (!stops.every((stop) => typeof stop === 'string')) {
      throw new TranslationError(`${PATH}.stopSequences must be strings`, `${PATH}.stopSequences`);
    }
    request.stopSequences = stops;
  }

  decodeResponseFormat(config, request);
  decodeThinking(config, request);

  const leftover: JsonObject = {};
  for (const [key, value] of Object.entries(config)) {
    const camel = key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
    if (!MAPPED.has(camel)) leftover[camel] = value;
  }
  return leftover;
}

function decodeResponseFormat(config: JsonObject, request: CanonicalRequest): void {
  const mimeType = optionalString(config, 'responseMimeType', PATH);
  const jsonSchema = field(config, 'responseJsonSchema') ?? field(config, '_responseJsonSchema');
  const schema = optionalObject(config, 'responseSchema', PATH);
  if (isObject(jsonSchema)) request.responseFormat = { type: 'json_schema', schema: jsonSchema };
  else if (schema !== undefined) request.responseFormat = { type: 'json_schema', schema: fromGeminiSchema(schema) };
  else if (mimeType === 'application/json') request.responseFormat = { type: 'json_object' };
  else if (mimeType === 'text/plain') request.responseFormat = { type: 'text' };
}

function decodeThinking(config: JsonObject, request: CanonicalRequest): void {
  const thinking = optionalObject(config, 'thinkingConfig', PATH);
  if (thinking === undefined) return;
  const path = `${PATH}.thinkingConfig`;
  const reasoning: NonNullable<CanonicalRequest['reasoning']> = {};
  const budget = optionalNumber(thinking, 'thinkingBudget', path);
  // -1 means "dynamic", Gemini's default: no canonical budget to carry.
  if (budget === 0) reasoning.disabled = true;
  else if (budget !== undefined && budget > 0) reasoning.budgetTokens = budget;
  const level = optionalString(thinking, 'thinkingLevel', path);
  if (level !== undefined) {
    const effort = LEVEL_TO_EFFORT[level.toUpperCase()];
    if (effort !== undefined) reasoning.effort = effort;
  }
  const includeThoughts = optionalBoolean(thinking, 'includeThoughts', path);
  if (includeThoughts !== undefined) reasoning.includeThoughts = includeThoughts;
  request.reasoning = reasoning;
}
