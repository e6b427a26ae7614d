// Starting the processes a benchmark measures: the mock upstream, the bare proxy and the
// built gateway, each pinned and waited on until it answers.
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';
import { spawnPinned, waitForHttp } from './spawn-and-wait.mjs';

/** The system under test and the bare proxy get core 0; mock upstream, load and probes core 1. */
export const TARGET_CORE = 0;
export const DRIVER_CORE = 1;

export function gatewayConfig(mockUrl) {
  return [
    'providers:',
    `  - { id: mock, prefix: mock, format: openai-chat, baseUrl: "${mockUrl}/v1", local: true }`,
    'connections:',
    '  - { provider: mock, name: acct-a, apiKey: sk-up-a, priority: 1 }',
    '',
  ].join('\n');
}

/** `ctx` needs `repoRoot` and `workDir` (logs go there). */
export async function startMock(ctx) {
  const port = await freePort();
  const handle = spawnPinned({
    name: 'mock upstream',
    command: process.execPath,
    args: ['--import', 'tsx', 'test/support/mock-upstream-main.ts', '--port', String(port)],
    core: DRIVER_CORE,
    cwd: ctx.repoRoot,
    logFile: join(ctx.workDir, 'mock.log'),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/v1/models`, { expectStatus: 200, handle, intervalMs: 20 });
  return { handle, url };
}

/** `script`: `bare-proxy` (node:http) or `fastify-floor` (the same work on Fastify). */
export async function startBareProxy(ctx, mockUrl, { extraNodeArgs = [], env = {}, script = 'bare-proxy' } = {}) {
  const port = await freePort();
  const handle = spawnPinned({
    name: script.replace('-', ' '),
    command: process.execPath,
    args: [...extraNodeArgs, join(ctx.repoRoot, `bench/${script}.mjs`), '--port', String(port), '--upstream', mockUrl],
    core: TARGET_CORE,
    env,
    logFile: join(ctx.workDir, `${script}.log`),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/`, { handle, intervalMs: 20 });
  return { handle, url };
}

/**
 * Spawns the built gateway on a fresh data dir; `startupMs` is spawn → first 200 on /health.
 * `distDir` (default `dist`, relative to the repo) lets an A/B compare two builds in one run.
 */
export async function startGateway(ctx, { configFile, label, extraNodeArgs = [], env = {}, distDir = 'dist' }) {
  const port = await freePort();
  const dataDir = await mkdtemp(join(ctx.workDir, `data-${label}-`));
  const started = performance.now();
  const handle = spawnPinned({
    name: `gateway (${label})`,
    command: process.execPath,
    args: [
      ...extraNodeArgs,
      join(ctx.repoRoot, distDir, 'cli/main.js'),
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
      '--config',
      configFile,
      '--no-open',
    ],
    core: TARGET_CORE,
    cwd: ctx.workDir,
    env,
    logFile: join(ctx.workDir, `gateway-${label}.log`),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`, { expectStatus: 200, handle, intervalMs: 5 });
  return { handle, url, dataDir, startupMs: performance.now() - started };
}
