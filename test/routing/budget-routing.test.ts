import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockedGateway } from '../helpers/mocked-gateway.js';

/**
 * Budgets meet routing: a spent key budget with policy `downgrade` moves the request to a cheaper
 * target of the combo; a spent provider budget makes a combo skip that provider; a single model
 * with nowhere cheaper to go gets 402 in the client's format.
 */
const DEV_KEY = 'omr_test_downgrade_key_0123456789';
const STRICT_KEY = 'omr_test_reject_key_0123456789ab';

const env = useMockedGateway((mockUrl) => ({
  providers: [
    { id: 'premium', format: 'openai-chat', baseUrl: `${mockUrl}/premium/v1` },
    { id: 'budget', format: 'openai-chat', baseUrl: `${mockUrl}/budget/v1` },
    { id: 'capped', format: 'openai-chat', baseUrl: `${mockUrl}/capped/v1` },
  ],
  connections: [
    { provider: 'premium', name: 'a', apiKey: 'k-premium' },
    { provider: 'budget', name: 'a', apiKey: 'k-budget' },
    { provider: 'capped', name: 'a', apiKey: 'k-capped' },
  ],
  pricing: [
    { provider: 'premium', model: 'big', input: 15_000, output: 75_000 },
    { provider: 'budget', model: 'small', input: 0.1, output: 0.4 },
    { provider: 'capped', model: 'm', input: 10_000, output: 10_000 },
  ],
  combos: [
    { name: 'tiers', models: ['premium/big', 'budget/small'] },
    { name: 'capped-first', models: ['capped/m', 'budget/small'] },
  ],
  apiKeys: [
    { name: 'dev', key: DEV_KEY },
    { name: 'strict', key: STRICT_KEY },
  ],
  budgets: [
    { apiKey: 'dev', daily: 0.01, policy: 'downgrade' },
    { apiKey: 'strict', daily: 0.01 },
    { provider: 'capped', daily: 0.01 },
  ],
}));

const clientWith = (apiKey: string) => new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey, maxRetries: 0 });
const served = () => env.mock.requests.map((r) => r.path.split('/')[1]);
const ask = (client: OpenAI, model: string) => client.chat.completions.create({ model, messages: [{ role: 'user', content: 'spend some money please' }] });

async function settle() {
  await env.gateway.gateway.ctx.requestLog.flush();
}

describe('budgets at routing time', () => {
  it('a spent key budget with policy downgrade routes to the next cheaper target of the combo', async () => {
    const dev = clientWith(DEV_KEY);
    await ask(dev, 'tiers');
    await settle();
    expect(served()).toEqual(['premium']);
    // That one request cost far more than the $0.01 daily budget: the next goes to the cheaper tier.
    const { response } = await ask(dev, 'tiers').withResponse();
    expect(response.headers.get('x-omniroute-provider')).toBe('budget');
    expect(served()).toEqual(['premium', 'budget']);
  });

  it('a spent key budget with policy reject answers 402 in the client format, calling nobody', async () => {
    const strict = clientWith(STRICT_KEY);
    await ask(strict, 'tiers');
    await settle();
    env.mock.reset();
    const error = await ask(strict, 'tiers').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(402);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toMatch(/budget/i);
    expect(served()).toEqual([]);
  });

  it('a spent provider budget makes a combo skip that provider; alone it is a 402', async () => {
    const anyone = clientWith('sk-local');
    await ask(anyone, 'capped-first');
    await settle();
    expect(served()).toEqual(['capped']);
    const { response } = await ask(anyone, 'capped-first').withResponse();
    expect(response.headers.get('x-omniroute-provider')).toBe('budget');
    const error = await ask(anyone, 'capped/m').catch((caught: unknown) => caught);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(402);
    expect(served()).toEqual(['capped', 'budget']);
  });
});
