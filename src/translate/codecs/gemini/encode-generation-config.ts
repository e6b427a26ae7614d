import type { CanonicalRequest, ReasoningEffort } from '../../canonical/index.js';
import { toGeminiSchema } from './convert-schema.js';
import { isObject, type JsonObject } from './json-access.js';

/** GenerationConfig fields the spec defines: only these may be restored from a Gemini client's extras. */
const GENERATION_CONFIG_FIELDS = new Set([
  'candidateCount',
  'stopSequences',
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'seed',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'presencePenalty',
  'frequencyPenalty',
  'responseLogprobs',
  'logprobs',
  'enableEnhancedCivicAnswers',
  'responseModalities',
  'speechConfig',
  'thinkingConfig',
  'imageConfig',
  'mediaResolution',
]);

const EFFORT_TO_LEVEL: Record<ReasoningEffort, string | undefined> = {
  none: undefined,
  minimal: 'MINIMAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  xhigh: 'HIGH',
};

/**
 * Gemini 1.x/2.x reject `thinkingLevel`; effort becomes a token budget there. The numbers are a
 * policy (within 2.5 Flash's 0–24576 and 2.5 Pro's 128–32768 ranges), not provider data.
 */
const EFFORT_TO_BUDGET: Record<ReasoningEffort, number> = {
  none: 0,
  minimal: 128,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 24576,
};

export function usesThinkingLevel(model: string): boolean {
  return !/gemini-[12](?:[.-]|$)/i.test(model);
}

export interface EncodedGenerationConfig {
  config: JsonObject;
  droppedSchemaPaths: string[];
}

export function encodeGenerationConfig(request: CanonicalRequest, model: string): EncodedGenerationConfig {
  const config: JsonObject = {};
  let droppedSchemaPaths: string[] = [];
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) config.stopSequences = request.stopSequences;
  if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.topK !== undefined) config.topK = request.topK;
  if (request.seed !== undefined) config.seed = request.seed;
  if (request.presencePenalty !== undefined) config.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) config.frequencyPenalty = request.frequencyPenalty;

  const format = request.responseFormat;
  if (format?.type === 'text') config.responseMimeType = 'text/plain';
  else if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  else if (format?.type === 'json_schema') {
    const converted = toGeminiSchema(format.schema, { propertyOrdering: true });
    config.responseMimeType = 'application/json';
    config.responseSchema = converted.schema;
    droppedSchemaPaths = converted.dropped.map((path) => `generationConfig.responseSchema.${path}`);
  }

  const thinking = encodeThinking(request.reasoning, model);
  if (thinking !== undefined) config.thinkingConfig = thinking;

  const extra = request.extras?.generationConfig;
  if (isObject(extra)) {
    for (const [key, value] of Object.entries(extra)) {
      if (GENERATION_CONFIG_FIELDS.has(key) && !(key in config)) config[key] = value;
    }
  }
  return { config, droppedSchemaPaths };
}

function encodeThinking(reasoning: CanonicalRequest['reasoning'], model: string): JsonObject | undefined {
  if (reasoning === undefined) return undefined;
  const thinking: JsonObject = {};
  const disabled = reasoning.disabled === true || reasoning.effort === 'none';
  if (disabled) thinking.thinkingBudget = 0;
  else if (reasoning.budgetTokens !== undefined) thinking.thinkingBudget = reasoning.budgetTokens;
  else if (reasoning.effort !== undefined) {
    if (usesThinkingLevel(model)) thinking.thinkingLevel = EFFORT_TO_LEVEL[reasoning.effort];
    else thinking.thinkingBudget = EFFORT_TO_BUDGET[reasoning.effort];
  }
  if (!disabled && reasoning.includeThoughts !== undefined) thinking.includeThoughts = reasoning.includeThoughts;
  return Object.keys(thinking).length > 0 ? thinking : undefined;
}
