import type { ClientReading, SemanticSummary } from './semantic-summary.js';
import { summariseAnthropicResponse, summariseAnthropicStream } from './summarise-anthropic-messages.js';

function toReading(summary: SemanticSummary, stop: string | null): ClientReading {
  const reading: ClientReading = { text: summary.text, reasoning: summary.reasoning, toolCalls: summary.toolCalls, stop };
  if (summary.usage) reading.usage = summary.usage;
  return reading;
}

export function readMessage(message: any): ClientReading {
  return toReading(summariseAnthropicResponse(message), message.stop_reason ?? null);
}

/** Read from the stream events as the SDK yielded them. */
export function readMessageEvents(events: unknown[]): ClientReading {
  const stop = (events as any[]).findLast((event) => event.type === 'message_delta')?.delta?.stop_reason ?? null;
  return toReading(summariseAnthropicStream(events.map((data) => ({ data }))), stop);
}
