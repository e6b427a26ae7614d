import type { ClientReading, SemanticSummary } from './semantic-summary.js';
import { summariseOpenAiResponsesResponse, summariseOpenAiResponsesStream } from './summarise-openai-responses.js';

/** Responses has no stop reason: `completed`, or `incomplete` with why. */
export function responsesStop(response: any): string | null {
  if (!response) return null;
  return response.status === 'incomplete' ? `incomplete:${String(response.incomplete_details?.reason)}` : String(response.status);
}

function toReading(summary: SemanticSummary, stop: string | null): ClientReading {
  const reading: ClientReading = { text: summary.text, reasoning: summary.reasoning, toolCalls: summary.toolCalls, stop };
  if (summary.usage) reading.usage = summary.usage;
  return reading;
}

export function readResponse(response: unknown): ClientReading {
  return toReading(summariseOpenAiResponsesResponse(response), responsesStop(response));
}

/** Read from the events as the SDK yielded them (deltas), with the terminal event's status. */
export function readResponseEvents(events: unknown[]): ClientReading {
  const terminal = (events as any[]).findLast((event) => event.type === 'response.completed' || event.type === 'response.incomplete' || event.type === 'response.failed');
  return toReading(summariseOpenAiResponsesStream(events.map((data) => ({ data }))), responsesStop(terminal?.response));
}
