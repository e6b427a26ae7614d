import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { mockProviderConfig } from '../helpers/start-test-gateway.js';
import { useMockedGateway } from '../helpers/mocked-gateway.js';

const env = useMockedGateway(mockProviderConfig);

interface UpgradeAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  upgraded: boolean;
}

/** A WebSocket handshake as Codex sends it, with node:http. */
function attemptUpgrade(path: string, protocol = 'websocket', extraHeaders: Record<string, string> = {}): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${env.gateway.url}${path}`, {
      headers: { Connection: 'Upgrade', Upgrade: protocol, 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...extraHeaders },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '', upgraded: true });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, upgraded: false }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('WebSocket upgrades', () => {
  it.each(['/v1/responses', '/responses'])('refuses %s with 426, a JSON error and Connection: close', async (path) => {
    const answer = await attemptUpgrade(path);
    expect(answer.upgraded).toBe(false);
    expect(answer.status).toBe(426);
    expect(answer.headers.connection).toBe('close');
    expect(answer.headers['content-type']).toContain('application/json');
    const body = JSON.parse(answer.body) as { error: { message: string; type: string } };
    expect(body.error.message).toContain('POST');
    expect(body.error.type).toBe('invalid_request_error');
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("echoes the client's x-request-id on the refusal", async () => {
    const answer = await attemptUpgrade('/v1/responses', 'websocket', { 'x-request-id': 'codex-ws-1' });
    expect(answer.headers['x-request-id']).toBe('codex-ws-1');
  });

  it('refuses any other upgrade the same way, in the path format', async () => {
    const answer = await attemptUpgrade('/v1/messages', 'h2c');
    expect(answer.status).toBe(426);
    expect(JSON.parse(answer.body)).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('keeps serving plain HTTP after refusing', async () => {
    await attemptUpgrade('/v1/responses');
    const response = await fetch(`${env.gateway.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'mock/anything', input: 'after the refusal' }) });
    expect(response.status).toBe(200);
    const json = (await response.json()) as { output: Array<{ content?: Array<{ text?: string }> }> };
    expect(JSON.stringify(json.output)).toContain('after the refusal');
  });
});
