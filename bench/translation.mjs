// Suite "translation": what translating a stream costs, as a share of same-format pass-through
// through the same gateway and the same upstream bytes. Issue target: >= 60% at 50 connections.
import { runLoad } from './lib/autocannon-runner.mjs';
import { formatNumber, markdownTable } from './lib/markdown-table.mjs';
import { withSuiteWorkspace } from './lib/suite-workspace.mjs';
import { DRIVER_CORE } from './lib/targets.mjs';

const CONNECTIONS = 50;
const GOAL = 0.6;

function config(mockUrl) {
  return [
    'providers:',
    `  - { id: oc, format: openai-chat, baseUrl: "${mockUrl}/v1", local: true }`,
    `  - { id: an, format: anthropic-messages, baseUrl: "${mockUrl}/v1", local: true }`,
    'connections:',
    '  - { provider: oc, name: a, apiKey: k }',
    '  - { provider: an, name: a, apiKey: k }',
    '',
  ].join('\n');
}

const prompt = [{ role: 'user', content: 'Say hello.' }];
/** Each pair shares its upstream recording, so the only difference is the translation. */
const PAIRS = [
  {
    upstream: 'Anthropic upstream (`text-stream`)',
    passThrough: { label: 'Anthropic client → Anthropic', path: '/v1/messages', body: { model: 'an/text-stream', stream: true, max_tokens: 256, messages: prompt } },
    translated: { label: 'OpenAI client → Anthropic', path: '/v1/chat/completions', body: { model: 'an/text-stream', stream: true, messages: prompt } },
  },
  {
    upstream: 'OpenAI upstream (`text-stream-usage`)',
    passThrough: { label: 'OpenAI client → OpenAI', path: '/v1/chat/completions', body: { model: 'oc/text-stream-usage', stream: true, messages: prompt } },
    translated: { label: 'Anthropic client → OpenAI', path: '/v1/messages', body: { model: 'oc/text-stream-usage', stream: true, max_tokens: 256, messages: prompt } },
  },
];

async function load(ctx, url, cell) {
  ctx.log(`  ${cell.label}`);
  const result = await runLoad({ url: `${url}${cell.path}`, body: cell.body, connections: CONNECTIONS, durationSec: ctx.options.durationSec, warmupSec: ctx.options.warmupSec, core: DRIVER_CORE });
  if (result.ok === 0 || result.non2xx > 0 || result.errors > 0) throw new Error(`${cell.label}: ${result.ok} ok, ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

async function run(ctx) {
  return withSuiteWorkspace(ctx, async ({ suiteCtx, mock, gatewayWith }) => {
    const gateway = await gatewayWith(config(mock.url), 'translation');

    const rows = [];
    const raw = [];
    for (const pair of PAIRS) {
      const same = await load(suiteCtx, gateway.url, pair.passThrough);
      const translated = await load(suiteCtx, gateway.url, pair.translated);
      const share = translated.requestsPerSec / same.requestsPerSec;
      raw.push({ pair: pair.upstream, passThrough: same, translated, share });
      rows.push([pair.upstream, pair.passThrough.label, formatNumber(same.requestsPerSec, 0), pair.translated.label, formatNumber(translated.requestsPerSec, 0), `${formatNumber(share * 100, 1)}%`, share >= GOAL ? 'PASS' : 'FAIL']);
    }
    const markdown = [
      '## translation',
      '',
      `Streaming chat at ${CONNECTIONS} connections, ${ctx.options.durationSec} s per cell after ${ctx.options.warmupSec} s warm-up; gateway on core 0, mock upstream and load generator on core 1. Goal: translated ≥ ${GOAL * 100}% of pass-through.`,
      '',
      markdownTable(
        [{ title: 'upstream recording' }, { title: 'pass-through' }, { title: 'req/s', align: 'right' }, { title: 'translated' }, { title: 'req/s', align: 'right' }, { title: 'share', align: 'right' }, { title: 'goal ≥ 60%' }],
        rows,
      ),
      '',
    ].join('\n');
    return { markdown, raw: { pairs: raw } };
  });
}

export const translationSuite = {
  name: 'translation',
  description: 'translated streaming (OpenAI↔Anthropic) as a share of same-format pass-through',
  run,
};
