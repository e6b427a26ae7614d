import { expect } from 'vitest';
import type { StopReason } from '../../../src/translate/canonical/index.js';
import type { WireFormat } from '../../../src/translate/wire-format.js';
import type { ClientReading, SemanticSummary, UsageSummary } from './semantic-summary.js';

/**
 * The stop value each client format uses for a canonical stop reason, from the formats' docs:
 * Gemini and OpenAI chat have no stop-sequence reason (a stop is a stop), Gemini ends tool turns
 * with STOP, Responses only says completed or incomplete (with why).
 */
export function expectedClientStop(client: WireFormat, stop: StopReason, hasToolCalls: boolean): string {
  switch (client) {
    case 'openai-chat':
      if (stop === 'max_tokens') return 'length';
      if (stop === 'content_filter') return 'content_filter';
      return stop === 'tool_use' || hasToolCalls ? 'tool_calls' : 'stop';
    case 'anthropic-messages':
      if (stop === 'content_filter') return 'refusal';
      return stop === 'error' || stop === 'other' ? 'end_turn' : stop;
    case 'gemini':
      if (stop === 'max_tokens') return 'MAX_TOKENS';
      if (stop === 'content_filter' || stop === 'refusal') return 'SAFETY';
      return stop === 'error' || stop === 'other' ? 'OTHER' : 'STOP';
    case 'openai-responses':
      if (stop === 'max_tokens') return 'incomplete:max_output_tokens';
      if (stop === 'content_filter') return 'incomplete:content_filter';
      return 'completed';
  }
}

/** Usage fields each client format has a place for (Gemini and OpenAI chat cannot say "cache write"). */
const CARRIED: Record<WireFormat, Array<keyof UsageSummary>> = {
  'openai-chat': ['inputTokens', 'outputTokens', 'cachedInputTokens', 'reasoningTokens'],
  'openai-responses': ['inputTokens', 'outputTokens', 'cachedInputTokens', 'cacheWriteTokens', 'reasoningTokens'],
  'anthropic-messages': ['inputTokens', 'outputTokens', 'cachedInputTokens', 'cacheWriteTokens', 'reasoningTokens'],
  gemini: ['inputTokens', 'outputTokens', 'cachedInputTokens', 'reasoningTokens'],
};

function carriedUsage(client: WireFormat, usage: UsageSummary): Partial<UsageSummary> {
  const out: Partial<UsageSummary> = {};
  // An unreported detail and a reported 0 say the same thing to a client.
  for (const key of CARRIED[client]) if ((usage[key] ?? 0) !== 0) out[key] = usage[key];
  return out;
}

/** Reasoning text a client can show: opaque-only blocks carry none. */
export function visibleReasoning(blocks: string[]): string[] {
  return blocks.filter((block) => block !== '');
}

/**
 * OpenAI chat has one reasoning string per message; the gateway separates blocks with a blank
 * line. An Anthropic client gets only Anthropic-signed thinking: it sends thinking blocks back on
 * the next turn, and Anthropic rejects unsigned ones (codecs/anthropic-messages/encode-content.ts).
 * Gemini has no reasoning blocks, only thought parts, and consecutive ones read as one thought.
 */
function reasoningAsCarried(client: WireFormat, upstream: WireFormat, blocks: string[]): string[] {
  if (client === 'anthropic-messages' && upstream !== 'anthropic-messages') return [];
  const visible = visibleReasoning(blocks);
  if (visible.length < 2) return visible;
  if (client === 'openai-chat') return [visible.join('\n\n')];
  return client === 'gemini' ? [visible.join('')] : visible;
}

/**
 * The client saw what the recording says, mapped into the client's format. `passThrough`: same
 * format both sides, so the provider's bytes arrive untouched, including a stop it never reported.
 */
export function expectSameSemantics(reading: ClientReading, expected: SemanticSummary, client: WireFormat, upstream: WireFormat): void {
  expect(reading.text).toBe(expected.text);
  expect(reasoningAsCarried(client, client, reading.reasoning)).toEqual(reasoningAsCarried(client, upstream, expected.reasoning));
  expect(reading.toolCalls).toEqual(expected.toolCalls);
  const passThrough = client === upstream;
  if (passThrough && !expected.stopRecorded) expect(reading.stop).toBeNull();
  else expect(reading.stop).toBe(expectedClientStop(client, expected.stopReason, expected.toolCalls.length > 0));
  if (expected.usage) {
    expect(reading.usage, 'usage reported').toBeDefined();
    expect(carriedUsage(client, reading.usage!)).toEqual(carriedUsage(client, expected.usage));
  }
}
