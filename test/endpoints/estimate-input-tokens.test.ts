import { describe, expect, it } from 'vitest';
import { estimateInputTokens } from '../../src/usage/estimate-input-tokens.js';
import type { CanonicalRequest } from '../../src/translate/canonical/index.js';

// One "token" per character makes every contribution visible in the total.
const byLength = (text: string) => text.length;

describe('estimateInputTokens', () => {
  it('adds system text, message parts with framing, and tool definitions', () => {
    const parameters = { type: 'object', properties: { q: { type: 'string' } } };
    const request: CanonicalRequest = {
      model: 'm',
      stream: false,
      system: [{ type: 'text', text: 'sys' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hello' }] },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'hmm' }, { type: 'tool_call', id: 'c1', name: 'find', arguments: '{"q":"x"}' }] },
        { role: 'tool', content: [{ type: 'tool_result', toolCallId: 'c1', content: [{ type: 'text', text: 'found it' }] }] },
      ],
      tools: [{ name: 'find', description: 'Finds', parameters }],
    };
    const expected = 3 + (3 + 5) + (3 + 3 + 4 + 9) + (3 + 8) + (4 + 5 + JSON.stringify(parameters).length);
    expect(estimateInputTokens(request, byLength)).toBe(expected);
  });

  it('counts decoded text documents by their text and images at a fixed ceiling', () => {
    const text = 'plain text document body';
    const withDocument: CanonicalRequest = {
      model: 'm',
      stream: false,
      system: [],
      messages: [{ role: 'user', content: [{ type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: Buffer.from(text).toString('base64') } }] }],
    };
    expect(estimateInputTokens(withDocument, byLength)).toBe(3 + text.length);
    const withImage: CanonicalRequest = { ...withDocument, messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } }] }] };
    expect(estimateInputTokens(withImage, byLength)).toBeGreaterThan(3);
  });
});
