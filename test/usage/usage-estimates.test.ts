import Anthropic from '@anthropic-ai/sdk';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogRow } from '../../src/store/repositories/request-log-repository.js';
import { useMockedGateway } from '../helpers/mocked-gateway.js';
import { sseFromChatDeltas } from '../support/mock-builders.js';
import { matrixConfig } from '../translation/support/matrix-gateway.js';

/**
 * When the provider reports no usage, or the client hangs up before the usage event, the log row
 * holds a tokenizer estimate marked `usageEstimated`: input from the request, output from what was
 * actually generated and sent. A cancelled stream is billed for what it generated.
 */

const PRICE = { input: 1, output: 4 };
let openai: OpenAI;
let anthropic: Anthropic;
let counter = 0;

const env = useMockedGateway((mockUrl) => ({
  ...matrixConfig(mockUrl),
  pricing: [
    { provider: 'oc', model: 'no-usage', ...PRICE },
    { provider: 'an', model: 'cut-short', ...PRICE },
  ],
}));
beforeAll(() => {
  openai = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 });
  anthropic = new Anthropic({ baseURL: env.gateway.url, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 });
});

/** The row of a request, once written (a cancelled request finishes on its own time). */
async function logRow(requestId: string): Promise<RequestLogRow> {
  const ctx = env.gateway.gateway.ctx;
  for (;;) {
    await ctx.usage.drain();
    await ctx.requestLog.flush();
    const row = (await ctx.store.requestLogs.list({ limit: 1000 })).find((candidate) => candidate.clientRequestId === requestId);
    if (row) return row;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function nextId(): string {
  counter += 1;
  return `estimate-${counter}`;
}

const TEXTS = ['The answer ', 'is forty-two, ', 'as everyone knows.'];
const GENERATED = TEXTS.join('');

describe('estimated usage', () => {
  it('a same-format stream without a usage chunk: output counted from what was sent, input from the request, priced', async () => {
    env.mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(TEXTS) });
    const id = nextId();
    const stream = await openai.chat.completions.create({ model: 'oc/no-usage', messages: [{ role: 'user', content: 'What is the answer to everything?' }], stream: true }, { headers: { 'x-request-id': id } });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(GENERATED);
    const row = await logRow(id);
    expect(row).toMatchObject({ status: 200, usageEstimated: true, outputTokens: countTokens(GENERATED), unpriced: false });
    expect(row.inputTokens).toBeGreaterThanOrEqual(countTokens('What is the answer to everything?'));
    expect(row.costUsd).toBeCloseTo((row.inputTokens! * PRICE.input + row.outputTokens! * PRICE.output) / 1e6, 12);
  });

  it('a translated stream without usage (Anthropic client, OpenAI upstream): estimated from the client-format events', async () => {
    env.mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(TEXTS) });
    const id = nextId();
    const stream = await anthropic.messages.create({ model: 'oc/no-usage', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }], stream: true }, { headers: { 'x-request-id': id } });
    for await (const event of stream) void event;
    const row = await logRow(id);
    expect(row).toMatchObject({ status: 200, usageEstimated: true, outputTokens: countTokens(GENERATED) });
    expect(row.inputTokens).toBeGreaterThan(0);
  });

  it('a non-streaming answer without usage', async () => {
    env.mock.enqueue({
      kind: 'status',
      status: 200,
      body: { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'no-usage', choices: [{ index: 0, message: { role: 'assistant', content: GENERATED }, finish_reason: 'stop' }] },
    });
    const id = nextId();
    await openai.chat.completions.create({ model: 'oc/no-usage', messages: [{ role: 'user', content: 'Hi' }] }, { headers: { 'x-request-id': id } });
    const row = await logRow(id);
    expect(row).toMatchObject({ status: 200, usageEstimated: true, outputTokens: countTokens(GENERATED) });
  });

  it('the provider usage is kept as reported (not estimated) when it is there', async () => {
    env.mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(TEXTS, { usage: { prompt_tokens: 321, completion_tokens: 123 } }) });
    const id = nextId();
    const stream = await openai.chat.completions.create({ model: 'oc/no-usage', messages: [{ role: 'user', content: 'Hi' }], stream: true }, { headers: { 'x-request-id': id } });
    for await (const chunk of stream) void chunk;
    expect(await logRow(id)).toMatchObject({ usageEstimated: false, inputTokens: 321, outputTokens: 123, costUsd: (321 * PRICE.input + 123 * PRICE.output) / 1e6 });
  });

  for (const client of ['anthropic-messages', 'openai-chat'] as const) {
    it(`a stream the ${client} client cancels is billed for what was generated: the provider's input count and the output sent`, async () => {
      const frame = (event: string, data: object) => `event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`;
      env.mock.enqueue({
        kind: 'sse',
        then: 'stall',
        events: [
          frame('message_start', { message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'cut-short', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 57, output_tokens: 1, cache_read_input_tokens: 7, cache_creation_input_tokens: 0 } } }),
          frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
          ...TEXTS.map((text) => frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text } })),
        ],
      });
      const id = nextId();
      let text = '';
      if (client === 'anthropic-messages') {
        const stream = await anthropic.messages.create({ model: 'an/cut-short', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }], stream: true }, { headers: { 'x-request-id': id } });
        for await (const event of stream) {
          if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
          if (text === GENERATED) break;
        }
      } else {
        const stream = await openai.chat.completions.create({ model: 'an/cut-short', messages: [{ role: 'user', content: 'Hi' }], stream: true }, { headers: { 'x-request-id': id } });
        for await (const chunk of stream) {
          text += chunk.choices[0]?.delta.content ?? '';
          if (text === GENERATED) break;
        }
      }
      const row = await logRow(id);
      // Anthropic input_tokens (50 uncached) + 7 cache reads = 57 + 7 canonical input tokens.
      expect(row).toMatchObject({ status: 499, usageEstimated: true, inputTokens: 64, cachedTokens: 7, outputTokens: countTokens(GENERATED), unpriced: false });
      expect(row.costUsd).toBeGreaterThan(0);
    });
  }
});
