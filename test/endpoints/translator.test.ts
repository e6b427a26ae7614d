import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectWireFormat } from '../../src/admin/translator-routes.js';
import { WIRE_FORMATS } from '../../src/translate/wire-format.js';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.js';

const FIXTURES = new URL('../../../shared/fixtures/', import.meta.url);

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, any> }> {
  const response = await gw.adminFetch(path, { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const chatBody = {
  model: 'gpt-x',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Weather in Oslo?' },
  ],
  max_completion_tokens: 100,
  tools: [{ type: 'function', function: { name: 'weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
};

describe('POST /api/translator/translate', () => {
  it('translates OpenAI chat to Anthropic Messages', async () => {
    const { status, json } = await post('/api/translator/translate', { from: 'openai-chat', to: 'anthropic-messages', body: chatBody });
    expect(status).toBe(200);
    expect(json).toMatchObject({ from: 'openai-chat', to: 'anthropic-messages', passThrough: false });
    expect(json.body).toMatchObject({ model: 'gpt-x', max_tokens: 100, messages: [{ role: 'user' }], tools: [{ name: 'weather', input_schema: { type: 'object' } }] });
    expect(JSON.stringify(json.body.system)).toContain('Be brief.');
    expect(json).not.toHaveProperty('model');
  });

  it('returns the model (and streaming) separately for Gemini, whose URL carries them', async () => {
    const { status, json } = await post('/api/translator/translate', { from: 'openai-chat', to: 'gemini', body: { ...chatBody, stream: true } });
    expect(status).toBe(200);
    expect(json).toMatchObject({ to: 'gemini', model: 'gpt-x', stream: true });
    expect(json.body.contents).toEqual([{ role: 'user', parts: [{ text: 'Weather in Oslo?' }] }]);
    expect(json.body).not.toHaveProperty('model');
  });

  it('needs a model to translate from Gemini', async () => {
    const body = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };
    const missing = await post('/api/translator/translate', { from: 'gemini', to: 'openai-chat', body });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ param: 'model' });
    const given = await post('/api/translator/translate', { from: 'gemini', to: 'openai-responses', body, model: 'gem-x' });
    expect(given.status).toBe(200);
    expect(given.json.body).toMatchObject({ model: 'gem-x' });
  });

  it('passes a same-format body through, changing only a given model', async () => {
    const body = { model: 'a', messages: [{ role: 'user', content: 'x' }], max_tokens: 5, some_future_field: { keep: true } };
    const { json } = await post('/api/translator/translate', { from: 'anthropic-messages', to: 'anthropic-messages', body, model: 'b' });
    expect(json).toMatchObject({ passThrough: true, body: { ...body, model: 'b' } });
  });

  it('translates a legacy completions body (a client-only format) and refuses it as a target', async () => {
    const { status, json } = await post('/api/translator/translate', { from: 'openai-completions', to: 'anthropic-messages', body: { model: 'gpt-x', prompt: 'Say hi', max_tokens: 20 } });
    expect(status).toBe(200);
    expect(json).toMatchObject({ from: 'openai-completions', passThrough: false, body: { model: 'gpt-x', max_tokens: 20, messages: [{ role: 'user' }] } });
    expect(JSON.stringify(json.body.messages)).toContain('Say hi');
    const asTarget = await post('/api/translator/translate', { from: 'openai-chat', to: 'openai-completions', body: chatBody });
    expect(asTarget.status).toBe(400);
    expect(asTarget.json.error.param).toBe('to');
  });

  it('answers 400 naming the field at fault', async () => {
    const badTo = await post('/api/translator/translate', { from: 'openai-chat', to: 'cobol', body: chatBody });
    expect(badTo.status).toBe(400);
    expect(badTo.json.error.param).toBe('to');
    const noBody = await post('/api/translator/translate', { from: 'openai-chat', to: 'gemini' });
    expect(noBody.json.error.param).toBe('body');
    const badMessage = await post('/api/translator/translate', { from: 'anthropic-messages', to: 'openai-chat', body: { model: 'm', messages: [{ role: 'user', content: [{ type: 'text' }] }] } });
    expect(badMessage.status).toBe(400);
    expect(badMessage.json.error.param).toMatch(/^body\.messages\[0\]\.content\[0\]/);
  });
});

describe('POST /api/translator/detect', () => {
  it('recognises every recorded request body of every format', () => {
    for (const format of WIRE_FORMATS) {
      const dir = new URL(`${format}/`, FIXTURES);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.request.json'))) {
        const body: unknown = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
        expect({ file, format: detectWireFormat(body).format }).toEqual({ file, format });
      }
    }
  });

  it('is confident on markers and hedges on ambiguous bodies', async () => {
    const anthropic = await post('/api/translator/detect', { body: { model: 'm', max_tokens: 10, system: 's', messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'x' }] }] } });
    expect(anthropic.json).toEqual({ format: 'anthropic-messages', confidence: 0.95 });
    const chat = await post('/api/translator/detect', { body: chatBody });
    expect(chat.json.format).toBe('openai-chat');
    expect(chat.json.confidence).toBeGreaterThan(0.8);
    const bare = await post('/api/translator/detect', { body: { model: 'm', messages: [{ role: 'user', content: 'hi' }] } });
    expect(bare.json.format).toBe('openai-chat');
    expect(bare.json.confidence).toBeLessThan(chat.json.confidence);
    const completions = await post('/api/translator/detect', { body: { model: 'm', prompt: ['a', 'b'], max_tokens: 5 } });
    expect(completions.json).toEqual({ format: 'openai-completions', confidence: 0.9 });
    const responses = await post('/api/translator/detect', { body: { model: 'm', instructions: 'x', input: [] } });
    expect(responses.json.format).toBe('openai-responses');
    const unknown = await post('/api/translator/detect', { body: { hello: 'world' } });
    expect(unknown.json).toEqual({ format: null, confidence: 0 });
    const invalid = await post('/api/translator/detect', { body: 'text' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.param).toBe('body');
  });
});
