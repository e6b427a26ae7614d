// Suite "gateway-core": what the gateway costs over a bare pass-through proxy on the same
// machine (throughput, latency, first streamed byte), plus its memory and start-up time.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runLoad } from './lib/autocannon-runner.mjs';
import { freePort } from './lib/free-port.mjs';
import { formatNumber, markdownTable } from './lib/markdown-table.mjs';
import { MEMORY_REPORT_PRELOAD, requestMemoryReport } from './lib/memory-report.mjs';
import { readRssBytes, startRssSampler } from './lib/rss-sampler.mjs';
import { spawnPinned, stopProcess, waitForHttp } from './lib/spawn-and-wait.mjs';
import { median } from './lib/stats.mjs';
import { probeFirstByte } from './lib/ttfb-probe.mjs';

/** The system under test and the bare proxy get core 0; mock upstream, load and probes core 1. */
const TARGET_CORE = 0;
const DRIVER_CORE = 1;
const MIB = 1024 * 1024;

// The recorded requests behind the `text` and `text-stream-usage` fixtures, so every target
// gets the same realistic payload and the mock replays the recorded answer.
const WORKLOADS = [
  {
    id: 'chat',
    label: 'chat, non-streaming',
    model: 'text',
    body: (model) => ({ model, messages: [{ role: 'user', content: "What's 2 + 2?" }], stream: false }),
  },
  {
    id: 'chat-stream',
    label: 'chat, streaming',
    model: 'text-stream-usage',
    body: (model) => ({
      model,
      messages: [{ role: 'user', content: 'Count from 1 to 3' }],
      stream: true,
      stream_options: { include_usage: true },
    }),
  },
];
const CONNECTIONS = [1, 50];
const TARGET_IDS = ['direct', 'bare-proxy', 'gateway'];
const TARGET_LABELS = { direct: 'mock direct', 'bare-proxy': 'bare proxy', gateway: 'gateway' };

const GOALS = {
  throughputShare: 0.7,
  addedP50Factor: 1.5,
  firstByteExtraMs: 1,
  idleRssMiB: 80,
  startupMs: 1000,
};

function gatewayConfig(mockUrl) {
  return [
    'providers:',
    `  - { id: mock, prefix: mock, format: openai-chat, baseUrl: "${mockUrl}/v1" }`,
    'connections:',
    '  - { provider: mock, name: acct-a, apiKey: sk-up-a, priority: 1 }',
    '',
  ].join('\n');
}

async function startMock(ctx) {
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

async function startBareProxy(ctx, mockUrl) {
  const port = await freePort();
  const handle = spawnPinned({
    name: 'bare proxy',
    command: process.execPath,
    args: [...MEMORY_REPORT_PRELOAD, join(ctx.repoRoot, 'bench/bare-proxy.mjs'), '--port', String(port), '--upstream', mockUrl],
    core: TARGET_CORE,
    env: { BENCH_MEMORY_REPORT: join(ctx.workDir, 'memory-bare-proxy.json') },
    logFile: join(ctx.workDir, 'bare-proxy.log'),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/`, { handle, intervalMs: 20 });
  return { handle, url };
}

/** Spawns the built gateway on a fresh data dir; `startupMs` is spawn → first 200 on /health. */
async function startGateway(ctx, { configFile, label, extraNodeArgs = [], env = {} }) {
  const port = await freePort();
  const dataDir = await mkdtemp(join(ctx.workDir, `data-${label}-`));
  const started = performance.now();
  const handle = spawnPinned({
    name: `gateway (${label})`,
    command: process.execPath,
    args: [
      ...extraNodeArgs,
      join(ctx.repoRoot, 'dist/cli/main.js'),
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
  return { handle, url, startupMs: performance.now() - started };
}

async function measureStartup(ctx, configFile, runs) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const gateway = await startGateway(ctx, { configFile, label: `startup-${i + 1}` });
    times.push(gateway.startupMs);
    await stopProcess(gateway.handle);
  }
  return { runs: times, medianMs: median(times) };
}

function modelFor(targetId, workload) {
  return targetId === 'direct' ? workload.model : `mock/${workload.model}`;
}

/** A short load of every workload, so JIT and pools are warm before idle RSS is read. */
async function warmUp(url, targetId, ctx) {
  for (const workload of WORKLOADS) {
    await runLoad({
      url: `${url}/v1/chat/completions`,
      body: workload.body(modelFor(targetId, workload)),
      connections: 10,
      durationSec: ctx.options.warmupSec,
      core: DRIVER_CORE,
    });
  }
}

async function measureTarget(ctx, targetId, url, handle) {
  const result = { id: targetId, cells: {}, firstByte: undefined, memory: undefined };
  if (handle) {
    const afterStartBytes = readRssBytes(handle.pid);
    await warmUp(url, targetId, ctx);
    await sleep(ctx.options.idleSec * 1000);
    const idleBytes = readRssBytes(handle.pid);
    // Read after RSS: the report itself allocates a little.
    const idleBreakdown = await requestMemoryReport(handle.pid, join(ctx.workDir, `memory-${targetId}.json`));
    result.memory = { afterStartBytes, idleBytes, idleBreakdown, peakUnderLoadBytes: 0 };
  }
  for (const workload of WORKLOADS) {
    for (const connections of CONNECTIONS) {
      ctx.log(`  ${TARGET_LABELS[targetId]}: ${workload.label}, ${connections} connection(s)`);
      const sampler = handle && connections === 50 ? startRssSampler(handle.pid, 50) : undefined;
      const cell = await runLoad({
        url: `${url}/v1/chat/completions`,
        body: workload.body(modelFor(targetId, workload)),
        connections,
        durationSec: ctx.options.durationSec,
        warmupSec: ctx.options.warmupSec,
        core: DRIVER_CORE,
      });
      if (sampler && result.memory) {
        const { peakBytes } = sampler.stop();
        result.memory.peakUnderLoadBytes = Math.max(result.memory.peakUnderLoadBytes, peakBytes);
      }
      result.cells[`${workload.id}@${connections}`] = cell;
    }
  }
  const streaming = WORKLOADS[1];
  ctx.log(`  ${TARGET_LABELS[targetId]}: first streamed byte probe`);
  const probe = await probeFirstByte({
    url: `${url}/v1/chat/completions`,
    body: streaming.body(modelFor(targetId, streaming)),
    count: ctx.options.probeCount,
    warmup: 100,
  });
  const { samples: _samples, ...firstByte } = probe;
  result.firstByte = firstByte;
  return result;
}

function evaluate(targets, startup) {
  const [direct, bare, gateway] = TARGET_IDS.map((id) => targets[id]);
  const p50 = (target, key) => target.cells[key]?.latencyMs.p50 ?? Number.NaN;
  const added = (target, key) => p50(target, key) - p50(direct, key);
  const checks = [];
  const rpsGateway = gateway.cells['chat@50'].requestsPerSec;
  const rpsBare = bare.cells['chat@50'].requestsPerSec;
  checks.push({
    name: 'non-streaming req/s at 50 connections vs bare proxy',
    measured: `${formatNumber((rpsGateway / rpsBare) * 100, 1)}% (${formatNumber(rpsGateway, 0)} vs ${formatNumber(rpsBare, 0)})`,
    goal: `≥ ${GOALS.throughputShare * 100}%`,
    pass: rpsGateway >= GOALS.throughputShare * rpsBare,
  });
  for (const workload of WORKLOADS) {
    const key = `${workload.id}@1`;
    const gatewayAdded = added(gateway, key);
    const bareAdded = added(bare, key);
    checks.push({
      name: `added p50 at 1 connection (${workload.label})`,
      measured: `${formatNumber(gatewayAdded, 3)} ms vs bare ${formatNumber(bareAdded, 3)} ms (${formatNumber(gatewayAdded / bareAdded, 2)}×)`,
      goal: `≤ ${GOALS.addedP50Factor}× bare proxy`,
      pass: gatewayAdded <= GOALS.addedP50Factor * bareAdded,
    });
  }
  const firstByteExtra = gateway.firstByte.p50 - direct.firstByte.p50;
  checks.push({
    name: 'first streamed byte, median, later than direct',
    measured: `${formatNumber(firstByteExtra, 3)} ms`,
    goal: `≤ ${GOALS.firstByteExtraMs} ms`,
    pass: firstByteExtra <= GOALS.firstByteExtraMs,
  });
  const idleMiB = gateway.memory.idleBytes / MIB;
  checks.push({
    name: 'gateway idle RSS',
    measured: `${formatNumber(idleMiB, 1)} MiB`,
    goal: `≤ ${GOALS.idleRssMiB} MiB`,
    pass: idleMiB <= GOALS.idleRssMiB,
  });
  checks.push({
    name: `start to first 200 on /health (median of ${startup.runs.length})`,
    measured: `${formatNumber(startup.medianMs, 0)} ms`,
    goal: `≤ ${GOALS.startupMs} ms`,
    pass: startup.medianMs <= GOALS.startupMs,
  });
  return checks;
}

function loadTable(targets) {
  const rows = [];
  for (const workload of WORKLOADS) {
    for (const connections of CONNECTIONS) {
      const key = `${workload.id}@${connections}`;
      const directP50 = targets.direct.cells[key].latencyMs.p50;
      for (const id of TARGET_IDS) {
        const cell = targets[id].cells[key];
        const failures = cell.non2xx + cell.errors + cell.timeouts;
        rows.push([
          workload.label,
          connections,
          TARGET_LABELS[id],
          formatNumber(cell.requestsPerSec, 0),
          formatNumber(cell.latencyMs.p50, 3),
          formatNumber(cell.latencyMs.p99, 3),
          id === 'direct' ? '–' : formatNumber(cell.latencyMs.p50 - directP50, 3),
          failures,
        ]);
      }
    }
  }
  return markdownTable(
    [
      { title: 'workload' },
      { title: 'conns', align: 'right' },
      { title: 'target' },
      { title: 'req/s', align: 'right' },
      { title: 'p50 ms', align: 'right' },
      { title: 'p99 ms', align: 'right' },
      { title: 'added p50 ms', align: 'right' },
      { title: 'failed', align: 'right' },
    ],
    rows,
  );
}

function firstByteTable(targets) {
  const direct = targets.direct.firstByte.p50;
  return markdownTable(
    [
      { title: 'target' },
      { title: 'median ms', align: 'right' },
      { title: 'p90 ms', align: 'right' },
      { title: 'p99 ms', align: 'right' },
      { title: 'vs direct ms', align: 'right' },
    ],
    TARGET_IDS.map((id) => {
      const probe = targets[id].firstByte;
      return [
        TARGET_LABELS[id],
        formatNumber(probe.p50, 3),
        formatNumber(probe.p90, 3),
        formatNumber(probe.p99, 3),
        id === 'direct' ? '–' : formatNumber(probe.p50 - direct, 3),
      ];
    }),
  );
}

function memoryTable(targets, startup) {
  const mib = (bytes) => formatNumber(bytes / MIB, 1);
  const rows = ['bare-proxy', 'gateway'].map((id) => {
    const memory = targets[id].memory;
    const breakdown = memory.idleBreakdown;
    return [
      TARGET_LABELS[id],
      mib(memory.afterStartBytes),
      mib(memory.idleBytes),
      mib(breakdown?.heapUsed),
      mib(breakdown?.heapTotal),
      mib(breakdown?.external),
      mib(memory.peakUnderLoadBytes),
    ];
  });
  const table = markdownTable(
    [
      { title: 'process' },
      { title: 'RSS after start MiB', align: 'right' },
      { title: 'idle RSS MiB', align: 'right' },
      { title: 'idle JS heap used MiB', align: 'right' },
      { title: 'idle JS heap total MiB', align: 'right' },
      { title: 'idle external MiB', align: 'right' },
      { title: 'peak RSS at 50 conns MiB', align: 'right' },
    ],
    rows,
  );
  const starts = startup.runs.map((ms) => formatNumber(ms, 0)).join(', ');
  return `${table}\n\nGateway start to first 200 on \`/health\`: median ${formatNumber(startup.medianMs, 0)} ms (runs: ${starts} ms).`;
}

function checksTable(checks) {
  return markdownTable(
    [{ title: 'target' }, { title: 'measured' }, { title: 'goal' }, { title: 'result' }],
    checks.map((check) => [check.name, check.measured, check.goal, check.pass ? 'PASS' : 'FAIL']),
  );
}

function describeRun(ctx) {
  const { options } = ctx;
  return [
    `Each load cell: ${options.warmupSec} s warm-up (discarded) then ${options.durationSec} s measured with autocannon;`,
    `first-byte probe: 100 warm-up then ${options.probeCount} sequential streaming requests on one keep-alive connection.`,
    ctx.pinned
      ? `Pinning: gateway / bare proxy on core ${TARGET_CORE}; mock upstream, load generator and probes on core ${DRIVER_CORE} (taskset).`
      : 'Pinning: NOT pinned (taskset unavailable); numbers are noisier.',
  ].join(' ');
}

/** Runs the suite; returns its Markdown section and raw numbers. */
async function run(ctx) {
  const workDir = await mkdtemp(join(tmpdir(), 'omniroute-bench-'));
  const suiteCtx = { ...ctx, workDir };
  const started = [];
  try {
    ctx.log('starting mock upstream');
    const mock = await startMock(suiteCtx);
    started.push(mock.handle);
    const configFile = join(workDir, 'gateway.yaml');
    await writeFile(configFile, gatewayConfig(mock.url));

    ctx.log(`measuring start-up (${ctx.options.startupRuns} starts)`);
    const startup = await measureStartup(suiteCtx, configFile, ctx.options.startupRuns);

    const targets = {};
    ctx.log('target: mock direct');
    targets.direct = await measureTarget(suiteCtx, 'direct', mock.url, undefined);

    ctx.log('target: bare proxy');
    const bare = await startBareProxy(suiteCtx, mock.url);
    started.push(bare.handle);
    targets['bare-proxy'] = await measureTarget(suiteCtx, 'bare-proxy', bare.url, bare.handle);
    await stopProcess(bare.handle);

    ctx.log('target: gateway');
    const gateway = await startGateway(suiteCtx, {
      configFile,
      label: 'load',
      extraNodeArgs: MEMORY_REPORT_PRELOAD,
      env: { BENCH_MEMORY_REPORT: join(workDir, 'memory-gateway.json') },
    });
    started.push(gateway.handle);
    targets.gateway = await measureTarget(suiteCtx, 'gateway', gateway.url, gateway.handle);
    await stopProcess(gateway.handle);

    const checks = evaluate(targets, startup);
    const markdown = [
      '## gateway-core',
      '',
      describeRun(suiteCtx),
      '',
      '### Throughput and latency',
      '',
      loadTable(targets),
      '',
      '### First streamed byte (`mock/text-stream-usage`)',
      '',
      firstByteTable(targets),
      '',
      '### Memory and start-up',
      '',
      memoryTable(targets, startup),
      '',
      '### Targets',
      '',
      checksTable(checks),
      '',
    ].join('\n');
    return { markdown, raw: { options: ctx.options, pinned: ctx.pinned, startup, targets, checks } };
  } finally {
    await Promise.all(started.map((handle) => stopProcess(handle)));
    if (!ctx.options.keepWorkDir) await rm(workDir, { recursive: true, force: true });
  }
}

export const gatewayCoreSuite = {
  name: 'gateway-core',
  description: 'pass-through overhead vs a bare proxy, first streamed byte, memory, start-up',
  run,
};
