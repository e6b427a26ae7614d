import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import LibsqlDatabase from 'libsql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sseFromChatDeltas } from '../support/mock-builders.js';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream.js';
import { spawnGateway, waitForReady } from '../helpers/spawn-gateway.js';

let dir: string;
let mock: MockUpstream;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omniroute-cli-'));
  mock = await startMockUpstream();
});
afterAll(async () => {
  await mock?.close();
  await rm(dir, { recursive: true, force: true });
});

async function writeConfig(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('omniroute CLI', () => {
  it('--help lists the flags', async () => {
    const cli = spawnGateway(['--help']);
    expect(await cli.exited).toBe(0);
    for (const flag of ['--port', '--host', '--data-dir', '--config', '--no-open', '--help']) expect(cli.stdout()).toContain(flag);
  });

  it('refuses an invalid config file with the bad field named, exit code 1', async () => {
    const config = await writeConfig('bad.yaml', 'providers:\n  - { id: x, format: klingon, baseUrl: "http://127.0.0.1:1/v1" }\n');
    const cli = spawnGateway(['--config', config, '--data-dir', join(dir, 'bad-data'), '--port', '0', '--no-open']);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toContain('providers[0].format');
  });

  it('refuses a bad --port', async () => {
    const cli = spawnGateway(['--port', 'eighty']);
    expect(await cli.exited).not.toBe(0);
    expect(cli.stderr()).toContain('port');
  });

  it('says clearly when the data directory cannot be used', async () => {
    const blocked = join(dir, 'blocked');
    await writeFile(blocked, 'a file, not a directory');
    const cli = spawnGateway(['--data-dir', join(blocked, 'data'), '--port', '0', '--no-open']);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toMatch(/omniroute: .*(ENOTDIR|not a directory)/i);
  });

  it('takes PORT and DATA_DIR from the environment, serves /health, and drains an in-flight stream on SIGTERM', async () => {
    const config = await writeConfig('ok.yaml', `providers:\n  - { id: mock, format: openai-chat, baseUrl: "${mock.url}/v1", local: true }\nconnections:\n  - { provider: mock, name: a, apiKey: k }\n`);
    const cli = spawnGateway(['--no-open'], { PORT: '0', DATA_DIR: join(dir, 'env-data'), OMNIROUTE_CONFIG: config });
    const base = await waitForReady(cli);
    const health = await request(`${base}/health`);
    expect(health.statusCode).toBe(200);
    expect(await health.body.json()).toMatchObject({ status: 'ok', version: expect.any(String), uptimeSeconds: expect.any(Number) });

    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const events = sseFromChatDeltas(['before', 'after']);
    mock.enqueue({
      kind: 'handler',
      async handle(_req, res) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(events[0]! + events[1]!);
        await released;
        for (const event of events.slice(2)) res.write(event);
        res.end();
      },
    });
    const response = await request(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/x', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const chunks = response.body[Symbol.asyncIterator]();
    expect((await chunks.next()).value.toString()).toContain('before');

    cli.child.kill('SIGTERM');
    // Shutdown has begun: new work is refused while the stream in flight goes on.
    await expect.poll(async () => {
      try {
        const r = await request(`${base}/health`, { reset: true });
        await r.body.dump();
        return r.statusCode;
      } catch {
        return 'refused';
      }
    }).not.toBe(200);
    release();
    let rest = '';
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) rest += next.value.toString();
    expect(rest).toContain('after');
    expect(rest).toContain('[DONE]');
    expect(await cli.exited).toBe(0);
  });

  it('the built gateway writes request logs through its worker thread, with time-ordered ids', async () => {
    const config = await writeConfig('logs.yaml', `providers:\n  - { id: mock, format: openai-chat, baseUrl: "${mock.url}/v1", local: true }\nconnections:\n  - { provider: mock, name: a, apiKey: k }\n`);
    const dataDir = join(dir, 'log-data');
    const cli = spawnGateway(['--no-open', '--port', '0', '--data-dir', dataDir, '--config', config]);
    const base = await waitForReady(cli);
    for (let i = 0; i < 3; i += 1) {
      const response = await request(`${base}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'mock/x', messages: [{ role: 'user', content: `hi ${i}` }] }),
      });
      expect(response.statusCode).toBe(200);
      await response.body.dump();
    }
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    // The bundle must find its worker: a failed worker still logs (on the main thread), but says so.
    expect(cli.stdout() + cli.stderr()).not.toContain('request-log worker failed');
    const db = new LibsqlDatabase(join(dataDir, 'omniroute.db'), { readonly: true });
    const ids = (db.prepare('SELECT id FROM request_logs ORDER BY created_at, id').all() as Array<{ id: string }>).map((row) => row.id);
    db.close();
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
  });

  it('bounds the drain: a stream that never ends is cut after the grace period', async () => {
    const config = await writeConfig('grace.yaml', `settings: { shutdownGraceMs: 300 }\nproviders:\n  - { id: mock, format: openai-chat, baseUrl: "${mock.url}/v1", local: true }\nconnections:\n  - { provider: mock, name: a, apiKey: k }\n`);
    const cli = spawnGateway(['--no-open', '--port', '0', '--data-dir', join(dir, 'grace-data'), '--config', config]);
    const base = await waitForReady(cli);
    mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['forever']).slice(0, 2), then: 'stall' });
    const response = await request(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/x', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const chunks = response.body[Symbol.asyncIterator]();
    await chunks.next();
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    await expect(async () => {
      for (let next = await chunks.next(); !next.done; next = await chunks.next());
    }).rejects.toThrow();
  });
});

