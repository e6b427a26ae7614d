import { estimateInputTokens } from './estimate-input-tokens.js';
import type { TokenCounter } from './token-counter.js';
import type { CanonicalStreamEvent, CanonicalUsage, ContentPart } from '../translate/canonical/index.js';
import { clientCodecFor, codecFor } from '../translate/codec-registry.js';
import type { ClientFormat, WireFormat } from '../translate/wire-format.js';
import { createSseReader } from '../upstream/sse.js';
import type { StreamText } from './stream-text.js';

/** What a request left behind that usage can be estimated from (all references, nothing copied). */
export interface UsageEvidence {
  /** The client's request body, in the client's format. */
  requestBody?: Record<string, unknown>;
  /** A non-streaming answer as the upstream gave it. */
  response?: { format: WireFormat; body: Record<string, unknown> };
  /** What the upstream streamed in the attempt that answered, in its format (the gateway always asks for SSE). */
  stream?: { format: WireFormat; text: StreamText };
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

/** The generated text inside a stream, decoded with its format's codec. */
function streamedText(format: WireFormat, sent: StreamText): string {
  const decoder = codecFor(format).createStreamDecoder();
  const pieces: string[] = [];
  const take = (data: string, event?: string) => {
    try {
      for (const decoded of decoder.push(event === undefined ? { data } : { event, data })) pieces.push(eventText(decoded));
    } catch {
      // An event the decoder refuses (e.g. an error event) carries no output.
    }
  };
  const reader = createSseReader();
  for (const item of [...reader.push(sent.chunks.join('')), ...reader.end()]) if (item.kind === 'event') take(item.event.data, item.event.event);
  return pieces.join('');
}

function streamed(evidence: UsageEvidence | undefined): boolean {
  const text = evidence?.stream?.text;
  return text !== undefined && (text.chunks.length > 0 || text.overflowChars > 0);
}

/** Output tokens from what the upstream generated: the streamed events, or the answer's content. */
export function estimateOutputTokens(evidence: UsageEvidence, count: TokenCounter): number | undefined {
  if (evidence.stream && streamed(evidence)) {
    const { format, text } = evidence.stream;
    return count(streamedText(format, text)) + Math.ceil(text.overflowChars / CHARS_PER_TOKEN);
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

export function estimateRequestTokens(format: ClientFormat, evidence: UsageEvidence, count: TokenCounter): number | undefined {
  if (!evidence.requestBody) return undefined;
  try {
    return estimateInputTokens(clientCodecFor(format).decodeRequest(evidence.requestBody), count);
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
  const produced = streamed(input.evidence) || input.evidence?.response !== undefined;
  if (!produced) return false;
  return input.usage === undefined || !input.completed;
}

/**
 * Provider numbers wherever they exist, our tokenizer for the rest, and a flag when anything is
 * ours. Cache counts are the provider's (they cannot be estimated); a cut stream is billed for
 * what the upstream generated until then (reasoning included, even where the client's format
 * could not carry it).
 */
export function settleUsage(input: {
  clientFormat: ClientFormat;
  usage: CanonicalUsage | undefined;
  completed: boolean;
  evidence: UsageEvidence | undefined;
  count: TokenCounter;
}): SettledUsage {
  const { usage, evidence } = input;
  if (!evidence || !needsEstimate(input)) return { usage, estimated: false };
  const output = estimateOutputTokens(evidence, input.count);
  const inputTokens = usage?.inputTokens ?? estimateRequestTokens(input.clientFormat, evidence, input.count);
  if (output === undefined && inputTokens === undefined) return { usage, estimated: false };
  const settled: CanonicalUsage = {
    ...usage,
    inputTokens: inputTokens ?? 0,
    outputTokens: Math.max(usage?.outputTokens ?? 0, output ?? 0),
  };
  return { usage: settled, estimated: true };
}
