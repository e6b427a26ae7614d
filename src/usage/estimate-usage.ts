import { estimateInputTokens } from '../server/routes/estimate-input-tokens.js';
import type { TokenCounter } from '../server/routes/token-counter.js';
import type { CanonicalStreamEvent, CanonicalUsage, ContentPart } from '../translate/canonical/index.js';
import { codecFor } from '../translate/codec-registry.js';
import { createJsonArrayStreamParser } from '../translate/codecs/gemini/json-array-stream.js';
import type { WireFormat } from '../translate/wire-format.js';
import { createSseReader } from '../upstream/sse.js';
import type { SentText } from './sent-text.js';

/** What a request left behind that usage can be estimated from (all references, nothing copied). */
export interface UsageEvidence {
  /** The client's request body, in the client's format. */
  requestBody?: Record<string, unknown>;
  /** A non-streaming answer as the upstream gave it. */
  response?: { format: WireFormat; body: Record<string, unknown> };
  /** What a streaming client was sent, in the client's format. */
  sent?: SentText;
}

/** Roughly four characters per token: only for text beyond the kept cap. */
const CHARS_PER_TOKEN = 4;

function outputText(parts: ReadonlyArray<ContentPart>): string {
  let text = '';
  for (const part of parts) {
    if (part.type === 'text' || part.type === 'reasoning') text += part.text;
    else if (part.type === 'tool_call') text += part.name + part.arguments;
  }
  return text;
}

function eventText(event: CanonicalStreamEvent): string {
  switch (event.type) {
    case 'text_delta':
    case 'reasoning_delta':
      return event.text;
    case 'tool_call_start':
      return event.name;
    case 'tool_call_delta':
      return event.argumentsDelta;
    default:
      return '';
  }
}

/** The generated text inside what a client was streamed, decoded with its own format's codec. */
function streamedText(format: WireFormat, sent: SentText): string {
  const decoder = codecFor(format).createStreamDecoder();
  const pieces: string[] = [];
  const take = (data: string, event?: string) => {
    try {
      for (const decoded of decoder.push(event === undefined ? { data } : { event, data })) pieces.push(eventText(decoded));
    } catch {
      // An event the decoder refuses (e.g. the gateway's own error event) carries no output.
    }
  };
  const whole = sent.chunks.join('');
  if (format === 'gemini' && whole.trimStart().startsWith('[')) {
    const parser = createJsonArrayStreamParser();
    try {
      for (const element of parser.push(whole)) take(JSON.stringify(element));
    } catch {
      // A cancelled array is cut mid-element: what was complete has been taken.
    }
  } else {
    const reader = createSseReader();
    for (const item of [...reader.push(whole), ...reader.end()]) if (item.kind === 'event') take(item.event.data, item.event.event);
  }
  return pieces.join('');
}

export function estimateOutputTokens(format: WireFormat, evidence: UsageEvidence, count: TokenCounter): number | undefined {
  if (evidence.sent && (evidence.sent.chunks.length > 0 || evidence.sent.overflowChars > 0)) {
    return count(streamedText(format, evidence.sent)) + Math.ceil(evidence.sent.overflowChars / CHARS_PER_TOKEN);
  }
  if (evidence.response) {
    try {
      return count(outputText(codecFor(evidence.response.format).decodeResponse(evidence.response.body).content));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function estimateRequestTokens(format: WireFormat, evidence: UsageEvidence, count: TokenCounter): number | undefined {
  if (!evidence.requestBody) return undefined;
  try {
    return estimateInputTokens(codecFor(format).decodeRequest(evidence.requestBody), count);
  } catch {
    return undefined;
  }
}

export interface SettledUsage {
  usage: CanonicalUsage | undefined;
  estimated: boolean;
}

/**
 * Something was generated but the provider's final count is missing: there is output evidence and
 * either no usage at all or a stream that did not complete (cancelled or broken after the commit
 * point, where only the opening counts had arrived).
 */
export function needsEstimate(input: { usage: CanonicalUsage | undefined; completed: boolean; evidence: UsageEvidence | undefined }): boolean {
  const evidence = input.evidence;
  const produced = (evidence?.sent !== undefined && (evidence.sent.chunks.length > 0 || evidence.sent.overflowChars > 0)) || evidence?.response !== undefined;
  if (!produced) return false;
  return input.usage === undefined || !input.completed;
}

/**
 * Provider numbers wherever they exist, our tokenizer for the rest, and a flag when anything is
 * ours. Cache counts are the provider's (they cannot be estimated); a cut stream is billed for
 * what was generated: at least what the client was sent.
 */
export function settleUsage(input: {
  clientFormat: WireFormat;
  usage: CanonicalUsage | undefined;
  completed: boolean;
  evidence: UsageEvidence | undefined;
  count: TokenCounter;
}): SettledUsage {
  const { usage, evidence } = input;
  if (!evidence || !needsEstimate(input)) return { usage, estimated: false };
  const output = estimateOutputTokens(input.clientFormat, evidence, input.count);
  const inputTokens = usage?.inputTokens ?? estimateRequestTokens(input.clientFormat, evidence, input.count);
  if (output === undefined && inputTokens === undefined) return { usage, estimated: false };
  const settled: CanonicalUsage = {
    ...usage,
    inputTokens: inputTokens ?? 0,
    outputTokens: Math.max(usage?.outputTokens ?? 0, output ?? 0),
  };
  return { usage: settled, estimated: true };
}
