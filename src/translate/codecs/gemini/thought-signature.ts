import type { OpaqueState, ReasoningPart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { field, type JsonObject } from './json-access.js';

/**
 * Documented by Google (ai.google.dev/gemini-api/docs/thought-signatures, FAQ) for function calls
 * that did not come from Gemini, e.g. a history transferred from another model: it tells Gemini 3
 * to skip signature validation. It asserts nothing about provider state, so it is not a forgery.
 */
export const SKIP_THOUGHT_SIGNATURE_VALIDATOR = 'skip_thought_signature_validator';

export function readThoughtSignature(part: JsonObject, path: string): string | undefined {
  const value = field(part, 'thoughtSignature');
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new TranslationError(`${path}.thoughtSignature must be a string`, `${path}.thoughtSignature`);
  }
  return value;
}

export function geminiOpaque(thoughtSignature: string): OpaqueState {
  return { origin: 'gemini', thoughtSignature };
}

/** The Gemini signature in `opaque`, only when Gemini produced it (never re-stamp foreign state). */
export function ownSignature(opaque: OpaqueState | undefined): string | undefined {
  return opaque?.origin === 'gemini' ? opaque.thoughtSignature : undefined;
}

/**
 * A `thoughtSignature` on a part that is neither a thought nor a function call (Gemini 3 puts it on
 * a text part, often an empty trailing one) has no slot in canonical TextPart. It travels as an
 * empty, redacted reasoning part placed right BEFORE the part it was attached to: other formats
 * drop it as foreign reasoning state; the Gemini encoder re-attaches it to the following part.
 */
export function signatureCarrier(thoughtSignature: string): ReasoningPart {
  return { type: 'reasoning', text: '', redacted: true, opaque: geminiOpaque(thoughtSignature) };
}

export function isSignatureCarrier(part: ReasoningPart): boolean {
  return part.text === '' && part.redacted === true && ownSignature(part.opaque) !== undefined;
}

/** Gemini 3 and later validate signatures on function calls of the current turn. */
export function requiresThoughtSignatures(model: string): boolean {
  const match = /gemini-(\d+)/i.exec(model);
  return match?.[1] !== undefined && Number(match[1]) >= 3;
}
