import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { needsEstimate, settleUsage } from './estimate-usage.js';
import { createStreamText } from './stream-text.js';

const count = (text: string) => (text === '' ? 0 : countTokens(text));
const chatChunk = (content: string) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;

describe('settleUsage', () => {
  it('keeps complete provider usage untouched and estimates nothing when nothing was generated', () => {
    const usage = { inputTokens: 10, outputTokens: 5, cachedInputTokens: 2 };
    const text = createStreamText();
    text.push(chatChunk('Hi'));
    const stream = { format: 'openai-chat' as const, text };
    expect(needsEstimate({ usage, completed: true, evidence: { stream } })).toBe(false);
    expect(settleUsage({ clientFormat: 'openai-chat', usage, completed: true, evidence: { stream }, count })).toEqual({ usage, estimated: false });
    expect(needsEstimate({ usage: undefined, completed: false, evidence: { stream: { format: 'openai-chat', text: createStreamText() } } })).toBe(false);
    expect(needsEstimate({ usage: undefined, completed: false, evidence: { requestBody: { messages: [] } } })).toBe(false);
  });

  it('estimates a stream without usage: output from the stream, input from the request', () => {
    const text = createStreamText();
    for (const piece of ['The answer ', 'is 42.']) text.push(chatChunk(piece));
    const requestBody = { model: 'm', messages: [{ role: 'user', content: 'What is the answer to everything?' }] };
    const settled = settleUsage({ clientFormat: 'openai-chat', usage: undefined, completed: true, evidence: { requestBody, stream: { format: 'openai-chat', text } }, count });
    expect(settled.estimated).toBe(true);
    expect(settled.usage?.outputTokens).toBe(count('The answer is 42.'));
    expect(settled.usage?.inputTokens).toBeGreaterThanOrEqual(count('What is the answer to everything?'));
  });

  it('reads the input of a legacy completions request from its prompt', () => {
    const text = createStreamText();
    text.push(chatChunk('42'));
    const requestBody = { model: 'm', prompt: ['What is the answer', 'to everything?'] };
    const settled = settleUsage({ clientFormat: 'openai-completions', usage: undefined, completed: true, evidence: { requestBody, stream: { format: 'openai-chat', text } }, count });
    expect(settled.usage?.inputTokens).toBeGreaterThanOrEqual(count('What is the answer\nto everything?'));
  });

  it('keeps the provider input and cache counts of a cut stream and never lowers its output count', () => {
    const text = createStreamText();
    text.push(chatChunk('Hi'));
    const settled = settleUsage({ clientFormat: 'openai-chat', usage: { inputTokens: 100, outputTokens: 40, cachedInputTokens: 60 }, completed: false, evidence: { stream: { format: 'openai-chat', text } }, count });
    expect(settled).toEqual({ usage: { inputTokens: 100, outputTokens: 40, cachedInputTokens: 60 }, estimated: true });
  });

  it('counts stream text beyond the kept cap at about four characters per token', () => {
    const text = createStreamText(200);
    text.push(chatChunk('Hi'));
    text.push('x'.repeat(400));
    const settled = settleUsage({ clientFormat: 'openai-chat', usage: undefined, completed: false, evidence: { stream: { format: 'openai-chat', text } }, count });
    expect(settled.usage?.outputTokens).toBe(count('Hi') + 100);
  });

  it('estimates a non-streaming answer from its content (text, reasoning and tool calls)', () => {
    const body = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'm',
      content: [
        { type: 'thinking', thinking: 'Weather needs a lookup.', signature: 'sig' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
    };
    const settled = settleUsage({ clientFormat: 'openai-chat', usage: undefined, completed: true, evidence: { response: { format: 'anthropic-messages', body } }, count });
    expect(settled.usage?.outputTokens).toBe(count('Weather needs a lookup.Let me check.weather{"city":"Paris"}'));
  });
});
