import { describe, expect, it } from 'vitest';
import { extractThinkTags, ThinkTagSplitter, type ThinkSegment } from './think-tag-splitter.js';

function runChunks(chunks: string[]): { reasoning: string; text: string } {
  const splitter = new ThinkTagSplitter();
  const segments: ThinkSegment[] = [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
  return {
    reasoning: segments.filter((s) => s.kind === 'reasoning').map((s) => s.text).join(''),
    text: segments.filter((s) => s.kind === 'text').map((s) => s.text).join(''),
  };
}

const SAMPLE = '<think>\nStep one. Step </thin two.\n</think>\n\nThe answer is <b>42</b>.';
const EXPECTED = { reasoning: 'Step one. Step </thin two.', text: 'The answer is <b>42</b>.' };

describe('ThinkTagSplitter', () => {
  it('splits whole content', () => {
    expect(extractThinkTags(SAMPLE)).toEqual(EXPECTED);
  });

  it('gives the same result wherever the content is cut into two chunks', () => {
    for (let cut = 0; cut <= SAMPLE.length; cut += 1) {
      expect(runChunks([SAMPLE.slice(0, cut), SAMPLE.slice(cut)]), `cut at ${cut}`).toEqual(EXPECTED);
    }
  });

  it('gives the same result one character at a time', () => {
    expect(runChunks([...SAMPLE])).toEqual(EXPECTED);
  });

  it('streams reasoning before the closing tag arrives', () => {
    const splitter = new ThinkTagSplitter();
    expect(splitter.push('<think>abc')).toEqual([{ kind: 'reasoning', text: 'abc' }]);
    expect(splitter.push('def</th')).toEqual([{ kind: 'reasoning', text: 'def' }]);
    expect(splitter.push('ink>Hi')).toEqual([{ kind: 'text', text: 'Hi' }]);
  });

  it('leaves content without a leading <think> untouched, including later tags', () => {
    expect(runChunks(['<', 'b>bold</b> and <think>x</think>'])).toEqual({ reasoning: '', text: '<b>bold</b> and <think>x</think>' });
    expect(extractThinkTags('  plain')).toEqual({ text: '  plain' });
  });

  it('keeps an unclosed think block as reasoning (output cut by max_tokens)', () => {
    expect(runChunks(['<think>half a thought'])).toEqual({ reasoning: 'half a thought', text: '' });
  });

  it('flushes a lone partial tag as text', () => {
    expect(runChunks(['<thi'])).toEqual({ reasoning: '', text: '<thi' });
  });
});
