import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { send } from './http-client.js';

const entry = fileURLToPath(new URL('../support/mock-upstream-main.ts', import.meta.url));

describe('mock-upstream-main', () => {
  it('prints its URL when ready, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, '--port', '0', '--host', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const [line] = (await once(lines, 'line')) as [string];
      const match = /^mock upstream listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
      expect(match).not.toBeNull();
      const url = match?.[1] ?? '';
      expect(Number(match?.[2])).toBeGreaterThan(0);

      const response = await send(`${url}/v1/chat/completions`, { body: { model: 'text', messages: [] } });
      expect(response.status).toBe(200);

      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
