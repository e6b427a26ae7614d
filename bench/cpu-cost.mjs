// CPU time per request and idle RSS of the gateway and the bare proxy, measured so that a busy
// machine barely moves the figures: a FIXED number of requests at 50 connections, and the CPU the
// target process consumed meanwhile (from /proc), divided by the requests. Throughput on a shared
// 2-core box swings ±20% run to run; CPU per request moves a few percent.
//   npm run build && node bench/cpu-cost.mjs [--target bare-proxy,gateway] [--requests 20000 | --duration 10] [--rounds 3]
// Targets: bare-proxy, fastify-floor (the bare proxy's work on Fastify), gateway.
// A/B of two builds: --target bare-proxy,gateway,gateway@other-dist (a build of another tree, inside
// the repo so it finds node_modules); of two configs: --target gateway,gateway+NAME --variant NAME=YAML. Targets are measured one after another, in that order.
// Gateway env for experiments: --env NAME=VALUE (repeatable), e.g. --env MALLOC_ARENA_MAX=2.
// BENCH_DUMP_HEAP=1 also prints each target's idle memory report (V8 heap spaces, used and committed) to stderr.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLoad } from './lib/autocannon-runner.mjs';
import { CHAT_WORKLOADS, chatModelFor } from './lib/chat-workloads.mjs';
import { formatNumber, markdownTable } from './lib/markdown-table.mjs';
import { MEMORY_REPORT_PRELOAD, requestMemoryReport } from './lib/memory-report.mjs';
import { readRssBreakdown } from './lib/rss-sampler.mjs';
import { sendSequential } from './lib/send-sequential.mjs';
import { killAllNow, pinSelf, stopAll, stopProcess } from './lib/spawn-and-wait.mjs';
import { median } from './lib/stats.mjs';
import { DRIVER_CORE, gatewayConfig, startBareProxy, startGateway, startMock } from './lib/targets.mjs';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'bare-proxy,gateway' },
    requests: { type: 'string', default: '20000' },
    // Instead of --requests: load for this many seconds, the target saturated (as in the
    // gateway-core throughput cells), and divide the CPU by the requests answered.
    duration: { type: 'string' },
    warmup: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    workload: { type: 'string', default: 'all' },
    'idle-sec': { type: 'string', default: '5' },
    'idle-requests': { type: 'string', default: '200' },
    env: { type: 'string', multiple: true, default: [] },
    'node-arg': { type: 'string', multiple: true, default: [] },
    'smaps-out': { type: 'string' },
    // A config variant for an experiment, NAME=YAML appended to the gateway's config, measured as
    // target gateway+NAME: --variant 'nolog=settings: { logging: { requestLogs: false } }'.
    variant: { type: 'string', multiple: true, default: [] },
  },
});

const MIB = 1024 * 1024;
const CLOCK_TICKS_PER_SEC = 100;
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const requests = Number(values.requests);
const workloads = values.workload === 'all' ? CHAT_WORKLOADS : CHAT_WORKLOADS.filter((w) => w.id === values.workload);
const targetIds = values.target.split(',');
const gatewayEnv = Object.fromEntries(values.env.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));

/** CPU seconds of the whole process (all threads, exited ones included): utime + stime. */
function processCpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SEC;
}

/** CPU seconds of the main thread alone, in nanosecond resolution (schedstat). */
function mainThreadCpuSeconds(pid) {
  return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
}

const fileSafe = (id) => id.replace(/[^\w-]+/g, '_');

const variants = new Map(values.variant.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));

async function configFor(ctx, targetId, mockUrl) {
  const variant = /\+([\w-]+)/.exec(targetId)?.[1];
  if (variant !== undefined && !variants.has(variant)) throw new Error(`target ${targetId}: no --variant ${variant}=...`);
  const file = join(ctx.workDir, `gateway-${fileSafe(targetId)}.yaml`);
  await writeFile(file, `${gatewayConfig(mockUrl)}${variant === undefined ? '' : `${variants.get(variant)}\n`}`);
  return file;
}

async function start(ctx, targetId, mockUrl) {
  const configFile = await configFor(ctx, targetId, mockUrl);
  const reportFile = join(ctx.workDir, `memory-${fileSafe(targetId)}.json`);
  const preload = { extraNodeArgs: MEMORY_REPORT_PRELOAD, env: { BENCH_MEMORY_REPORT: reportFile } };
  const target = targetId.startsWith('gateway')
    ? await startGateway(ctx, {
        configFile,
        label: fileSafe(targetId),
        distDir: /@([^+]+)/.exec(targetId)?.[1] ?? 'dist',
        extraNodeArgs: [...values['node-arg'], ...preload.extraNodeArgs],
        env: { ...preload.env, ...gatewayEnv },
      })
    : await startBareProxy(ctx, mockUrl, { ...preload, script: targetId === 'fastify-floor' ? 'fastify-floor' : 'bare-proxy' });
  return { targetId, target, reportFile, afterStart: readRssBreakdown(target.handle.pid), cpu: {} };
}

/** Idle RSS as a user sees it: a few sequential requests of every workload, then quiet. */
async function measureIdle(entry) {
  const { target } = entry;
  for (const workload of CHAT_WORKLOADS) {
    await sendSequential({ url: `${target.url}/v1/chat/completions`, body: workload.body(chatModelFor(false, workload)), count: Number(values['idle-requests']) });
  }
  await sleep(Number(values['idle-sec']) * 1000);
  entry.idle = readRssBreakdown(target.handle.pid);
  entry.heap = await requestMemoryReport(target.handle.pid, entry.reportFile);
  if (process.env.BENCH_DUMP_HEAP) console.error(entry.targetId, JSON.stringify(entry.heap));
  // For digging: the idle process's mappings, to see which regions hold the anonymous RSS.
  if (values['smaps-out']) writeFileSync(`${values['smaps-out']}.${fileSafe(entry.targetId)}`, readFileSync(`/proc/${target.handle.pid}/smaps`, 'utf8'));
}

async function measureCpu(entry, workload) {
  const { pid } = entry.target.handle;
  const body = workload.body(chatModelFor(false, workload));
  const url = `${entry.target.url}/v1/chat/completions`;
  const connections = Number(values.connections);
  // Warm-up in the same shape as the measurement, so the JIT and pools are settled.
  const size = values.duration === undefined ? { amount: requests } : { durationSec: Number(values.duration) };
  await runLoad({ url, body, connections, ...(values.duration === undefined ? { amount: Number(values.warmup) } : { durationSec: 2 }), core: DRIVER_CORE });
  const before = { all: processCpuSeconds(pid), main: mainThreadCpuSeconds(pid) };
  const cell = await runLoad({ url, body, connections, ...size, core: DRIVER_CORE });
  const after = { all: processCpuSeconds(pid), main: mainThreadCpuSeconds(pid) };
  if (cell.non2xx > 0 || (values.duration === undefined && cell.ok !== requests)) throw new Error(`${entry.targetId}: ${cell.ok} answers were 2xx, ${cell.non2xx} were not`);
  (entry.cpu[workload.id] ??= []).push({
    allUs: ((after.all - before.all) / cell.ok) * 1e6,
    mainUs: ((after.main - before.main) / cell.ok) * 1e6,
    requestsPerSec: cell.requestsPerSec,
  });
}

pinSelf(DRIVER_CORE);
process.on('exit', killAllNow);
process.on('SIGINT', () => stopAll().finally(() => process.exit(130)));
const workDir = await mkdtemp(join(tmpdir(), 'omniroute-cpu-cost-'));
const ctx = { repoRoot, workDir };
try {
  const mock = await startMock(ctx);
  const results = [];
  for (const targetId of targetIds) results.push(await start(ctx, targetId, mock.url));
  for (const entry of results) await measureIdle(entry);
  // Rounds interleave the targets, so a change in machine load hits all of them alike.
  for (let round = 0; round < Number(values.rounds); round += 1) {
    for (const workload of workloads) for (const entry of results) await measureCpu(entry, workload);
  }
  for (const entry of results) await stopProcess(entry.target.handle, 15_000);
  const mib = (bytes) => formatNumber(bytes / MIB, 1);
  const lines = [
    `# CPU per request and idle RSS (${new Date().toISOString()}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ')})`,
    '',
    `${values.duration === undefined ? `${requests} requests per round` : `${values.duration} s of saturating load per round`} at ${values.connections} connections after ${values.duration === undefined ? `${values.warmup} warm-up requests` : '2 s of warm-up'}; median of ${values.rounds} rounds, targets interleaved. CPU from /proc (process: utime+stime, 10 ms ticks; main thread: schedstat).`,
    Object.keys(gatewayEnv).length > 0 ? `Gateway env: ${values.env.join(' ')}` : '',
    '',
    markdownTable(
      [
        { title: 'target' },
        { title: 'workload' },
        { title: 'process µs/req', align: 'right' },
        { title: 'main thread µs/req', align: 'right' },
        { title: 'rounds (process µs/req)', align: 'right' },
        { title: 'req/s (noisy)', align: 'right' },
      ],
      results.flatMap((result) =>
        Object.entries(result.cpu).map(([workload, rounds]) => [
          result.targetId,
          workload,
          formatNumber(median(rounds.map((r) => r.allUs)), 1),
          formatNumber(median(rounds.map((r) => r.mainUs)), 1),
          rounds.map((r) => formatNumber(r.allUs, 1)).join(' '),
          formatNumber(median(rounds.map((r) => r.requestsPerSec)), 0),
        ]),
      ),
    ),
    '',
    markdownTable(
      [
        { title: 'target' },
        { title: 'RSS after start MiB', align: 'right' },
        { title: 'idle RSS MiB', align: 'right' },
        { title: 'idle anon MiB', align: 'right' },
        { title: 'idle file MiB', align: 'right' },
        { title: 'idle heap used / total MiB', align: 'right' },
      ],
      results.map((result) => [
        result.targetId,
        mib(result.afterStart.rssBytes),
        mib(result.idle.rssBytes),
        mib(result.idle.anonBytes),
        mib(result.idle.fileBytes),
        result.heap ? `${mib(result.heap.heapUsed)} / ${mib(result.heap.heapTotal)}` : '–',
      ]),
    ),
    '',
  ];
  process.stdout.write(lines.join('\n'));
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
} finally {
  await stopAll();
  await rm(workDir, { recursive: true, force: true });
}
