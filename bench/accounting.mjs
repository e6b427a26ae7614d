// Suite "accounting" (issue #6): what request logging and usage accounting cost, and whether
// every request is logged. Two measurements:
//  1. non-streaming chat at 50 connections with request logs on (the default: row per request,
//     usage, cost, budgets, quotas, metrics) vs `settings.logging.requestLogs: false`.
//     Goal: on >= 90% of off.
//  2. 100,000 requests, then a graceful stop, then count the rows: goal rows = requests.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runLoad } from './lib/autocannon-runner.mjs';
import { formatNumber, markdownTable } from './lib/markdown-table.mjs';
import { stopProcess } from './lib/spawn-and-wait.mjs';
import { withSuiteWorkspace } from './lib/suite-workspace.mjs';
import { DRIVER_CORE, gatewayConfig } from './lib/targets.mjs';

const CONNECTIONS = 50;
const GOAL = 0.9;
const COUNTED_REQUESTS = 100_000;
const body = { model: 'mock/text', messages: [{ role: 'user', content: 'Say hello.' }] };

async function countRows(repoRoot, dataDir) {
  // The gateway's own SQLite driver, so the count reads exactly what it wrote.
  const require = createRequire(join(repoRoot, 'package.json'));
  const Database = require('libsql');
  const db = new Database(join(dataDir, 'omniroute.db'), { readonly: true });
  try {
    return Number(db.prepare('SELECT COUNT(*) AS n FROM request_logs').get().n);
  } finally {
    db.close();
  }
}

async function run(ctx) {
  return withSuiteWorkspace(ctx, async ({ mock, gatewayWith }) => {
    const onConfig = gatewayConfig(mock.url);
    const offConfig = `${onConfig}settings:\n  logging:\n    requestLogs: false\n`;

    const results = {};
    for (const [label, configText] of [['on', onConfig], ['off', offConfig]]) {
      const gateway = await gatewayWith(configText, `accounting-${label}`);
      ctx.log(`  request logs ${label} @ ${CONNECTIONS}`);
      results[label] = await runLoad({ url: `${gateway.url}/v1/chat/completions`, body, connections: CONNECTIONS, durationSec: ctx.options.durationSec, warmupSec: ctx.options.warmupSec, core: DRIVER_CORE });
      await stopProcess(gateway.handle, 10_000);
    }
    const share = results.on.requestsPerSec / results.off.requestsPerSec;

    ctx.log(`  ${COUNTED_REQUESTS} requests, then count the rows`);
    const counted = await gatewayWith(onConfig, 'accounting-count');
    const load = await runLoad({ url: `${counted.url}/v1/chat/completions`, body, connections: CONNECTIONS, amount: COUNTED_REQUESTS, core: DRIVER_CORE });
    // SIGTERM: the gateway drains, flushes the last batch and closes the database.
    await stopProcess(counted.handle, 30_000);
    const sent = load.ok + load.non2xx;
    const rows = await countRows(ctx.repoRoot, counted.dataDir);

    const markdown = [
      '## accounting',
      '',
      `Non-streaming chat at ${CONNECTIONS} connections, ${ctx.options.durationSec} s per cell after ${ctx.options.warmupSec} s warm-up; gateway on core 0, mock upstream and load generator on core 1.`,
      '',
      markdownTable(
        [{ title: 'request logs' }, { title: 'req/s', align: 'right' }, { title: 'p50 ms', align: 'right' }, { title: 'p99 ms', align: 'right' }],
        [
          ['on (row, usage, cost, budgets, quotas, metrics)', formatNumber(results.on.requestsPerSec, 0), formatNumber(results.on.latencyMs.p50, 3), formatNumber(results.on.latencyMs.p99, 3)],
          ['off (`settings.logging.requestLogs: false`)', formatNumber(results.off.requestsPerSec, 0), formatNumber(results.off.latencyMs.p50, 3), formatNumber(results.off.latencyMs.p99, 3)],
        ],
      ),
      '',
      `On as a share of off: **${formatNumber(share * 100, 1)}%** (goal ≥ ${GOAL * 100}%: ${share >= GOAL ? 'PASS' : 'FAIL'}).`,
      '',
      `Lost rows: ${formatNumber(sent, 0)} requests answered (${formatNumber(load.requestsPerSec, 0)} req/s), then a graceful stop; the request log holds **${formatNumber(rows, 0)}** rows (${rows === sent ? 'PASS: none lost' : `FAIL: ${sent - rows} missing`}).`,
      '',
    ].join('\n');
    return { markdown, raw: { on: results.on, off: results.off, share, counted: { sent, rows } } };
  });
}

export const accountingSuite = {
  name: 'accounting',
  description: 'request logging and accounting on vs off, and 100,000 requests with no lost log rows',
  run,
};
