// Suite "gateway-core": what the gateway costs over a bare pass-through proxy on the same
// machine (throughput, latency, first streamed byte), plus its memory and start-up time.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { checksTable, firstByteTable, loadTable, memoryTable, MIB, TARGET_IDS, TARGET_LABELS } from './gateway-core-report.mjs';
import { runLoad } from './lib/autocannon-runner.mjs';
import { startForeignCpuWindow } from './lib/foreign-cpu.mjs';
import { CHAT_WORKLOADS as WORKLOADS, chatModelFor } from './lib/chat-workloads.mjs';
import { formatNumber } from './lib/markdown-table.mjs';
import { MEMORY_REPORT_PRELOAD, requestMemoryReport } from './lib/memory-report.mjs';
import { readRssBreakdown, readRssBytes, startRssSampler } from './lib/rss-sampler.mjs';
import { sendSequential } from './lib/send-sequential.mjs';
import { stopProcess } from './lib/spawn-and-wait.mjs';
import { median } from './lib/stats.mjs';
import { DRIVER_CORE, gatewayConfig, startBareProxy, startGateway, startMock, TARGET_CORE } from './lib/targets.mjs';
import { probeFirstByte } from './lib/ttfb-probe.mjs';

const CONNECTIONS = [1, 50];

const GOALS = {
  throughputShare: 0.7,
  addedP50Factor: 1.5,
  firstByteExtraMs: 1,
  idleRssMiB: 80,
  startupMs: 1000,
};

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
  return chatModelFor(targetId === 'direct', workload);
}

/**
 * A short, gentle warm-up (sequential requests of every workload) before idle RSS is read:
 * a heavy one would leave the V8 heap sized for load, which is not what an idle user sees.
 */
async function warmUp(url, targetId, ctx) {
  for (const workload of WORKLOADS) {
    const body = workload.body(modelFor(targetId, workload));
    const ok = await sendSequential({ url: `${url}/v1/chat/completions`, body, count: ctx.options.idleWarmupRequests });
    if (ok !== ctx.options.idleWarmupRequests) throw new Error(`${TARGET_LABELS[targetId]}: warm-up got ${ok} 2xx answers`);
  }
}

async function measureTarget(ctx, targetId, url, handle) {
  const result = { id: targetId, cells: {}, firstByte: undefined, memory: undefined };
  if (handle) {
    const afterStartBytes = readRssBytes(handle.pid);
    await warmUp(url, targetId, ctx);
    await sleep(ctx.options.idleSec * 1000);
    const idle = readRssBreakdown(handle.pid);
    // Read after RSS: the report itself allocates a little.
    const idleBreakdown = await requestMemoryReport(handle.pid, join(ctx.workDir, `memory-${targetId}.json`));
    result.memory = {
      afterStartBytes,
      idleBytes: idle?.rssBytes,
      idleAnonBytes: idle?.anonBytes,
      idleFileBytes: idle?.fileBytes,
      idleBreakdown,
      peakUnderLoadBytes: 0,
    };
  }
  for (const workload of WORKLOADS) {
    for (const connections of CONNECTIONS) {
      ctx.log(`  ${TARGET_LABELS[targetId]}: ${workload.label}, ${connections} connection(s)`);
      const sampler = handle && connections === 50 ? startRssSampler(handle.pid, 50) : undefined;
      const window = startForeignCpuWindow([ctx.mockPid, ...(handle ? [handle.pid] : [])]);
      const cell = await runLoad({
        url: `${url}/v1/chat/completions`,
        body: workload.body(modelFor(targetId, workload)),
        connections,
        durationSec: ctx.options.durationSec,
        warmupSec: ctx.options.warmupSec,
        core: DRIVER_CORE,
      });
      cell.foreignCores = window.stop(cell.cpuSeconds).foreignCores;
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

function describeRun(ctx) {
  const { options } = ctx;
  return [
    `Each load cell: ${options.warmupSec} s warm-up (discarded) then ${options.durationSec} s measured with autocannon;`,
    `first-byte probe: 100 warm-up then ${options.probeCount} sequential streaming requests on one keep-alive connection.`,
    `Idle RSS: ${options.idleWarmupRequests} sequential requests of each workload, then ${options.idleSec} s idle, then VmRSS.`,
    '"other load" is CPU used by processes outside this benchmark during the cell, in cores (of 2): above ~0.1 the cell was disturbed.',
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
    suiteCtx.mockPid = mock.handle.pid;
    const configFile = join(workDir, 'gateway.yaml');
    await writeFile(configFile, gatewayConfig(mock.url));

    ctx.log(`measuring start-up (${ctx.options.startupRuns} starts)`);
    const startup = await measureStartup(suiteCtx, configFile, ctx.options.startupRuns);

    const targets = {};
    ctx.log('target: mock direct');
    targets.direct = await measureTarget(suiteCtx, 'direct', mock.url, undefined);

    ctx.log('target: bare proxy');
    const bare = await startBareProxy(suiteCtx, mock.url, {
      extraNodeArgs: MEMORY_REPORT_PRELOAD,
      env: { BENCH_MEMORY_REPORT: join(workDir, 'memory-bare-proxy.json') },
    });
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
      loadTable(targets, WORKLOADS, CONNECTIONS),
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
