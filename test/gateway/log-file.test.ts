import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/cli/start-gateway.js';
import { loginAdmin, TEST_ADMIN_PASSWORD } from '../helpers/start-test-gateway.js';

let dataDir: string;
let gateway: RunningGateway;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'omniroute-logfile-'));
  const configFile = join(dataDir, 'config.yaml');
  // `warn` keeps the test's stdout quiet; body capture logs one warning at boot to look for.
  await writeFile(configFile, stringify({ settings: { logLevel: 'warn', logging: { file: { maxSize: '1M', maxFiles: 2 } } } }));
  gateway = await startGateway({ flags: { port: 0, host: '127.0.0.1', dataDir, config: configFile, open: false }, env: { ENABLE_REQUEST_LOGS: 'true', INITIAL_PASSWORD: TEST_ADMIN_PASSWORD } });
});
afterAll(async () => {
  await gateway?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('gateway log file and console-log API', () => {
  it('writes JSON log lines to DATA_DIR/logs and serves them from memory', async () => {
    // The admin API needs a login session.
    const { cookie } = await loginAdmin(gateway.url, TEST_ADMIN_PASSWORD);
    const response = await request(`${gateway.url}/api/console-logs?level=warn&q=body%20capture`, { headers: { cookie } });
    const body = (await response.body.json()) as { data: Array<{ levelName: string; msg: string; entry: { msg: string } }> };
    expect(response.statusCode).toBe(200);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ levelName: 'warn', entry: { msg: body.data[0]!.msg } });
    await gateway.close();
    const file = await readFile(join(dataDir, 'logs', 'omniroute.log'), 'utf8');
    const lines = file.trim().split('\n').map((line) => JSON.parse(line) as { msg: string; level: number });
    expect(lines.some((l) => l.level === 40 && l.msg.includes('body capture'))).toBe(true);
  });
});
