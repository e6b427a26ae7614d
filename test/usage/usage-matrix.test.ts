import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConfigFile, ModelPrice } from '../../src/config/config-file-schema.js';
import type { RequestLogRow } from '../../src/store/repositories/request-log-repository.js';
import type { WireFormat } from '../../src/translate/wire-format.js';
import { useMockedGateway } from '../helpers/mocked-gateway.js';
import { listFixtures } from '../support/fixture-library.js';
import { matrixCases, prepareUpstream, type MatrixCase } from '../translation/support/matrix-cases.js';
import { matrixConfig, modelFor, PROVIDER_PREFIX } from '../translation/support/matrix-gateway.js';
import type { UsageSummary } from '../translation/support/semantic-summary.js';
import { summariseFixture } from '../translation/support/summarise-fixture.js';

/**
 * Every client format × every upstream format × every successful recording: the request-log row
 * holds the recording's own usage (in the canonical arithmetic), or an estimate marked as one when
 * the recording has none; the cost follows the configured price, and unpriced models are flagged.
 */

const PRICE: ModelPrice = { input: 2, output: 10, cachedInput: 0.5, cacheWrite: 2.5, reasoning: 12 };
/** Upstreams whose models get a price; the other two stay unpriced. */
const PRICED: WireFormat[] = ['anthropic-messages', 'openai-chat'];
const CLIENTS: WireFormat[] = ['openai-chat', 'openai-responses', 'anthropic-messages', 'gemini'];

/** The expected cost, written out independently of src/usage/cost-of.ts. */
function expectedCost(usage: UsageSummary): number {
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteTokens ?? 0;
  const reasoning = usage.reasoningTokens ?? 0;
  return ((usage.inputTokens - cached - written) * PRICE.input + cached * PRICE.cachedInput! + written * PRICE.cacheWrite! + (usage.outputTokens - reasoning) * PRICE.output + reasoning * PRICE.reasoning!) / 1e6;
}

function config(mockUrl: string): ConfigFile {
  const base = matrixConfig(mockUrl);
  const pricing = listFixtures()
    .filter((fixture) => PRICED.includes(fixture.format))
    .flatMap((fixture) => PRICED.map((format) => ({ provider: PROVIDER_PREFIX[format], model: fixture.name, ...PRICE })));
  return { ...base, pricing };
}

let openai: OpenAI;
let anthropic: Anthropic;
let gemini: GoogleGenAI;
let counter = 0;

const env = useMockedGateway(config);
beforeAll(() => {
  openai = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 });
  anthropic = new Anthropic({ baseURL: env.gateway.url, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 });
  gemini = new GoogleGenAI({ apiKey: 'unused-locally', httpOptions: { baseUrl: env.gateway.url, retryOptions: { attempts: 1 } } });
});

async function call(client: WireFormat, matrixCase: MatrixCase, requestId: string): Promise<void> {
  prepareUpstream(env.mock, matrixCase);
  const model = modelFor(matrixCase.upstream, matrixCase.fixture.name);
  const headers = { 'x-request-id': requestId };
  const stream = matrixCase.stream;
  switch (client) {
    case 'openai-chat': {
      const messages = [{ role: 'user' as const, content: 'Hello' }];
      if (!stream) await openai.chat.completions.create({ model, messages }, { headers });
      else for await (const chunk of await openai.chat.completions.create({ model, messages, stream: true, stream_options: { include_usage: true } }, { headers })) void chunk;
      return;
    }
    case 'openai-responses':
      if (!stream) await openai.responses.create({ model, input: 'Hello' }, { headers });
      else for await (const event of await openai.responses.create({ model, input: 'Hello', stream: true }, { headers })) void event;
      return;
    case 'anthropic-messages': {
      const params = { model, max_tokens: 1024, messages: [{ role: 'user' as const, content: 'Hello' }] };
      if (!stream) await anthropic.messages.create(params, { headers });
      else for await (const event of await anthropic.messages.create({ ...params, stream: true }, { headers })) void event;
      return;
    }
    case 'gemini': {
      const params = { model, contents: 'Hello', config: { httpOptions: { headers } } };
      if (!stream) await gemini.models.generateContent(params);
      else for await (const chunk of await gemini.models.generateContentStream(params)) void chunk;
      return;
    }
  }
}

async function logRow(requestId: string): Promise<RequestLogRow> {
  const ctx = env.gateway.gateway.ctx;
  await ctx.usage.drain();
  await ctx.requestLog.flush();
  const row = (await ctx.store.requestLogs.list({ limit: 1000 })).find((candidate) => candidate.clientRequestId === requestId);
  if (!row) throw new Error(`no request-log row for ${requestId}`);
  return row;
}

describe('usage and cost in the request log, every client × upstream pair, from the recordings', () => {
  for (const client of CLIENTS) {
    for (const matrixCase of matrixCases().filter((candidate) => candidate.kind === 'success')) {
      it(`${client} client ← ${matrixCase.title}`, async () => {
        const requestId = `usage-${++counter}`;
        await call(client, matrixCase, requestId);
        const row = await logRow(requestId);
        expect(row.status).toBe(200);
        const recorded = summariseFixture(matrixCase.fixture).usage;
        if (recorded) {
          expect({
            inputTokens: row.inputTokens,
            outputTokens: row.outputTokens,
            cachedTokens: row.cachedTokens ?? undefined,
            cacheWriteTokens: row.cacheWriteTokens ?? undefined,
            reasoningTokens: row.reasoningTokens ?? undefined,
          }).toEqual({
            inputTokens: recorded.inputTokens,
            outputTokens: recorded.outputTokens,
            cachedTokens: recorded.cachedInputTokens,
            cacheWriteTokens: recorded.cacheWriteTokens,
            reasoningTokens: recorded.reasoningTokens,
          });
          expect(row.usageEstimated).toBe(false);
        } else {
          // The recording carries no usage: a tokenizer estimate, marked as one.
          expect(row.usageEstimated).toBe(true);
          expect(row.inputTokens).toBeGreaterThan(0);
          expect(row.outputTokens).toBeGreaterThan(0);
        }
        if (PRICED.includes(matrixCase.upstream)) {
          expect(row.unpriced).toBe(false);
          expect(row.costUsd).not.toBeNull();
          if (recorded) expect(row.costUsd).toBeCloseTo(expectedCost(recorded), 9);
        } else {
          expect(row.unpriced).toBe(true);
          expect(row.costUsd).toBeNull();
        }
      });
    }
  }
});
