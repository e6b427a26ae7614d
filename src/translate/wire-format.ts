/** The four wire formats OmniRoute speaks, to clients and to upstreams. */
export const WIRE_FORMATS = ['openai-chat', 'openai-responses', 'anthropic-messages', 'gemini'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

export function isWireFormat(value: unknown): value is WireFormat {
  return typeof value === 'string' && (WIRE_FORMATS as readonly string[]).includes(value);
}

/**
 * What a client may speak: every wire format, plus legacy OpenAI Completions. No upstream speaks
 * that one here (providers are configured with a WireFormat), so it is never passed through: every
 * call is decoded to the canonical request and its answer encoded back.
 */
export type ClientFormat = WireFormat | 'openai-completions';

export const CLIENT_FORMATS = [...WIRE_FORMATS, 'openai-completions'] as const satisfies ReadonlyArray<ClientFormat>;
