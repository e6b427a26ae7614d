// CPU profile of the gateway (or, for comparison, the bare proxy) under load, to explain a missed target:
//   npm run build && node bench/profile-gateway.mjs [--target gateway|bare-proxy] [--workload chat|chat-stream] [--connections 50] [--dist dist-modules]
// Prints the top self-time functions and modules; the .cpuprofile stays in --out (default a temp dir)
// for Chrome DevTools or speedscope.
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLoad } from './lib/autocannon-runner.mjs';
import { CHAT_WORKLOADS, chatModelFor } from './lib/chat-workloads.mjs';
import { readCpuProfile, summarizeCpuProfile } from './lib/cpu-profile-summary.mjs';
import { formatNumber, markdownTable } from './lib/markdown-table.mjs';
import { killAllNow, pinSelf, stopAll, stopProcess } from './lib/spawn-and-wait.mjs';
import { DRIVER_CORE, gatewayConfig, startBareProxy, startGateway, startMock } from './lib/targets.mjs';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'gateway' },
    workload: { type: 'string', default: 'chat' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    top: { type: 'string', default: '20' },
    out: { type: 'string' },
    // dist/ is one bundle, so a profile of it names chunks, not folders. For per-folder figures,
    // profile a file-per-module build: npx tsc -p tsconfig.build.json --outDir dist-modules
    dist: { type: 'string', default: 'dist' },
  },
});

const workload = CHAT_WORKLOADS.find((candidate) => candidate.id === values.workload);
if (!workload) {
  console.error(`--workload must be one of ${CHAT_WORKLOADS.map((w) => w.id).join(', ')}`);
  process.exit(2);
}

if (values.target !== 'gateway' && values.target !== 'bare-proxy') {
  console.error('--target must be gateway or bare-proxy');
  process.exit(2);
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workDir = values.out ?? (await mkdtemp(join(tmpdir(), 'omniroute-profile-')));
await mkdir(workDir, { recursive: true });
const profileDir = join(workDir, 'cpu-profile');
const ctx = { repoRoot, workDir };
pinSelf(DRIVER_CORE);
process.on('exit', killAllNow);
process.on('SIGINT', () => stopAll().finally(() => process.exit(130)));

try {
  const mock = await startMock(ctx);
  const configFile = join(workDir, 'gateway.yaml');
  await writeFile(configFile, gatewayConfig(mock.url));
  const profileArgs = ['--cpu-prof', '--cpu-prof-dir', profileDir];
  const target =
    values.target === 'gateway'
      ? await startGateway(ctx, { configFile, label: 'profile', extraNodeArgs: profileArgs, distDir: values.dist })
      : await startBareProxy(ctx, mock.url, { extraNodeArgs: profileArgs });
  const cell = await runLoad({
    url: `${target.url}/v1/chat/completions`,
    body: workload.body(chatModelFor(false, workload)),
    connections: Number(values.connections),
    durationSec: Number(values.duration),
    warmupSec: Number(values.warmup),
    core: DRIVER_CORE,
  });
  // The profile is written when the process exits cleanly (its SIGTERM handler drains and exits).
  await stopProcess(target.handle, 15_000);
  const file = (await readdir(profileDir)).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${profileDir}`);
  const summary = summarizeCpuProfile(await readCpuProfile(join(profileDir, file)), Number(values.top));
  const table = (rows) =>
    markdownTable(
      [{ title: 'self time' }, { title: 'ms', align: 'right' }, { title: '%', align: 'right' }],
      rows.map((row) => [row.name, formatNumber(row.ms, 0), formatNumber(row.percent, 1)]),
    );
  process.stdout.write(
    [
      `# CPU profile of the ${values.target}: ${workload.label}, ${values.connections} connections`,
      '',
      `${formatNumber(cell.requestsPerSec, 0)} req/s while profiled (profiling slows it down); ${formatNumber(summary.totalMs, 0)} ms sampled in total (warm-up and start-up included).`,
      `Profile: ${join(profileDir, file)}`,
      '',
      '## By function',
      '',
      table(summary.functions),
      '',
      '## By module',
      '',
      table(summary.modules),
      '',
    ].join('\n'),
  );
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
} finally {
  await stopAll();
}
