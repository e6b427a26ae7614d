import type { CanonicalToolChoice } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { isObject, optionalArray, optionalObject, optionalString, type JsonObject } from './json-access.js';

export interface DecodedToolConfig {
  toolChoice?: CanonicalToolChoice;
  /** False when the canonical choice only approximates the config (the raw config goes to extras). */
  exact: boolean;
}

/** `toolConfig.functionCallingConfig` → canonical tool choice. */
export function decodeToolConfig(toolConfig: JsonObject, path: string): DecodedToolConfig {
  const configPath = `${path}.functionCallingConfig`;
  const config = optionalObject(toolConfig, 'functionCallingConfig', path);
  const otherKeys = Object.keys(toolConfig).filter((key) => key !== 'functionCallingConfig' && key !== 'function_calling_config');
  if (config === undefined) return { exact: otherKeys.length === 0 };
  const mode = (optionalString(config, 'mode', configPath) ?? 'AUTO').toUpperCase();
  const names = optionalArray(config, 'allowedFunctionNames', configPath) ?? [];
  if (!names.every((name) => typeof name === 'string')) {
    throw new TranslationError(`${configPath}.allowedFunctionNames must be strings`, `${configPath}.allowedFunctionNames`);
  }
  const plain = otherKeys.length === 0;
  switch (mode) {
    case 'AUTO':
    case 'MODE_UNSPECIFIED':
      return { toolChoice: 'auto', exact: plain && names.length === 0 };
    case 'NONE':
      return { toolChoice: 'none', exact: plain && names.length === 0 };
    case 'ANY': {
      const [only] = names;
      if (names.length === 1 && typeof only === 'string') return { toolChoice: { name: only }, exact: plain };
      return { toolChoice: 'required', exact: plain && names.length === 0 };
    }
    case 'VALIDATED':
      // Model decides, but calls are schema-validated: the closest canonical choice is auto.
      return { toolChoice: 'auto', exact: false };
    default:
      throw new TranslationError(`${configPath}.mode "${mode}" is not a Gemini function calling mode`, `${configPath}.mode`);
  }
}

/** Canonical tool choice → `toolConfig`, or a restored original one from a Gemini client. */
export function encodeToolConfig(choice: CanonicalToolChoice | undefined, original: unknown): JsonObject | undefined {
  if (isObject(original)) return original;
  if (choice === undefined) return undefined;
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
}
