/**
 * Gemini rarely gives function calls an id, but every other format pairs calls and results by id.
 * Synthesised ids carry a recognisable prefix so the Gemini encoders never send them upstream as
 * if Gemini had issued them. They stay short: OpenAI rejects tool call ids over 40 characters.
 */
export const SYNTHETIC_CALL_ID_PREFIX = 'gcall_';

const MAX_SCOPE_LENGTH = 24;

export function synthesizeCallId(scope: string | undefined, index: number): string {
  const cleaned = (scope ?? '').replace(/[^A-Za-z0-9_-]/g, '').slice(-MAX_SCOPE_LENGTH);
  return cleaned === '' ? `${SYNTHETIC_CALL_ID_PREFIX}${index}` : `${SYNTHETIC_CALL_ID_PREFIX}${cleaned}_${index}`;
}

export function isSyntheticCallId(id: string): boolean {
  return id.startsWith(SYNTHETIC_CALL_ID_PREFIX);
}
