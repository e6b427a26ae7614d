// Suite "routing": what a 3-target combo costs when its first target answers, against calling
// that target directly through the same gateway. Issue #4 target: no measurable added latency.
import { runLoad } from './lib/autocannon-runner.mjs';
import { formatNumber, markdownTable } from './lib/markdown-table.mjs';
import { withSuiteWorkspace } from './lib/suite-workspace.mjs';
import { DRIVER_CORE } from './lib/targets.mjs';

function config(mockUrl) {
  return [
    'providers:',
    `  - { id: a, format: openai-chat, baseUrl: "${mockUrl}/a/v1", local: true }`,
    `  - { id: b, format: openai-chat, baseUrl: "${mockUrl}/b/v1", local: true }`,
    `  - { id: c, format: openai-chat, baseUrl: "${mockUrl}/c/v1", local: true }`,
    'connections:',
    '  - { provider: a, name: one, apiKey: k1 }',
    '  - { provider: a, name: two, apiKey: k2 }',
    '  - { provider: b, name: one, apiKey: k3 }',
    '  - { provider: c, name: one, apiKey: k4 }',
    'combos:',
    '  - { name: three, strategy: priority, models: [a/text, b/text, c/text] }',
    '',
  ].join('\n');
}

const messages = [{ role: 'user', content: 'Say hello.' }];
const CELLS = [
  { label: 'single target `a/text`', body: { model: 'a/text', messages } },
  { label: 'combo `three` (a/text, b/text, c/text)', body: { model: 'three', messages } },
];
const CONNECTIONS = [1, 50];

async function run(ctx) {
  return withSuiteWorkspace(ctx, async ({ mock, gatewayWith }) => {
    const gateway = await gatewayWith(config(mock.url), 'routing');

    const results = new Map();
    for (const connections of CONNECTIONS) {
      for (const cell of CELLS) {
        ctx.log(`  ${cell.label} @ ${connections}`);
        const result = await runLoad({ url: `${gateway.url}/v1/chat/completions`, body: cell.body, connections, durationSec: ctx.options.durationSec, warmupSec: ctx.options.warmupSec, core: DRIVER_CORE });
        if (result.ok === 0 || result.non2xx > 0 || result.errors > 0) throw new Error(`${cell.label}: ${result.ok} ok, ${result.non2xx} non-2xx, ${result.errors} errors`);
        results.set(`${cell.label}@${connections}`, result);
      }
    }
    const rows = CONNECTIONS.flatMap((connections) => {
      const single = results.get(`${CELLS[0].label}@${connections}`);
      const combo = results.get(`${CELLS[1].label}@${connections}`);
      return [
        [String(connections), CELLS[0].label, formatNumber(single.requestsPerSec, 0), formatNumber(single.latencyMs.p50, 3), formatNumber(single.latencyMs.p99, 3), ''],
        [String(connections), CELLS[1].label, formatNumber(combo.requestsPerSec, 0), formatNumber(combo.latencyMs.p50, 3), formatNumber(combo.latencyMs.p99, 3), `${formatNumber((combo.requestsPerSec / single.requestsPerSec) * 100, 1)}% of single; p50 ${formatNumber(combo.latencyMs.p50 / single.latencyMs.p50, 3)}×`],
      ];
    });
    const markdown = [
      '## routing',
      '',
      `Non-streaming chat, ${ctx.options.durationSec} s per cell after ${ctx.options.warmupSec} s warm-up; gateway on core 0, mock upstream and load generator on core 1. The combo's first target answers every request, so the difference is the cost of resolving the combo and planning its fall-over order.`,
      '',
      markdownTable(
        [{ title: 'connections', align: 'right' }, { title: 'model' }, { title: 'req/s', align: 'right' }, { title: 'p50 ms', align: 'right' }, { title: 'p99 ms', align: 'right' }, { title: 'combo vs single' }],
        rows,
      ),
      '',
    ].join('\n');
    return { markdown, raw: Object.fromEntries(results) };
  });
}

export const routingSuite = {
  name: 'routing',
  description: 'a 3-target combo whose first target answers vs. that target called directly',
  run,
};
