import { describe, expect, it } from 'vitest';
import type { CanonicalResponse, CanonicalStreamEvent } from '../../canonical/index.js';
import { encodeResponse } from './encode-response.js';
import { createStreamEncoder } from './stream-encoder.js';

/** Two reasoning blocks (e.g. two Responses summary parts, or Anthropic thinking around a tool call). */
const EVENTS: CanonicalStreamEvent[] = [
  { type: 'message_start', id: 'chatcmpl-x', model: 'm', created: 1_700_000_000 },
  { type: 'reasoning_start', index: 0, summary: true },
  { type: 'reasoning_delta', index: 0, text: 'First ' },
  { type: 'reasoning_delta', index: 0, text: 'idea.' },
  { type: 'block_stop', index: 0 },
  { type: 'reasoning_start', index: 1, summary: true },
  { type: 'reasoning_delta', index: 1, text: '' },
  { type: 'reasoning_delta', index: 1, text: 'Second idea.' },
  { type: 'block_stop', index: 1 },
  { type: 'text_delta', index: 2, text: 'Answer' },
  { type: 'message_stop', stopReason: 'end_turn' },
];

function streamedReasoning(events: CanonicalStreamEvent[]): string {
  const encoder = createStreamEncoder({ includeUsage: false, model: 'm' });
  let reasoning = '';
  for (const sse of events.flatMap((event) => encoder.push(event))) {
    const chunk = JSON.parse(sse.data) as { choices: Array<{ delta: { reasoning_content?: string } }> };
    reasoning += chunk.choices[0]?.delta.reasoning_content ?? '';
  }
  return reasoning;
}

describe('reasoning blocks in one reasoning_content string', () => {
  it('streams the same text a non-streaming client gets: blocks separated by a blank line', () => {
    const response: CanonicalResponse = {
      id: 'x',
      model: 'm',
      created: 0,
      stopReason: 'end_turn',
      content: [
        { type: 'reasoning', text: 'First idea.', summary: true },
        { type: 'reasoning', text: 'Second idea.', summary: true },
        { type: 'text', text: 'Answer' },
      ],
    };
    const message = (encodeResponse(response).choices as Array<{ message: { reasoning_content: string } }>)[0]!.message;
    expect(streamedReasoning(EVENTS)).toBe('First idea.\n\nSecond idea.');
    expect(message.reasoning_content).toBe('First idea.\n\nSecond idea.');
  });

  it('adds no separator inside one block', () => {
    expect(streamedReasoning(EVENTS.slice(0, 5))).toBe('First idea.');
  });
});
