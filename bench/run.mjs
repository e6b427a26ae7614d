// Benchmark entry point (`npm run bench [-- <suite> [options]]`). Expects `npm run build` first.
// Writes bench/results/latest.md (committed) and latest.json (raw numbers, git-ignored).
// Exits 0 whether or not targets are met: it measures, it does not test.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gatewayCoreSuite } from './gateway-core.mjs';
import { accountingSuite } from './accounting.mjs';
import { routingSuite } from './routing.mjs';
import { translationSuite } from './translation.mjs';
import { machineInfo } from './lib/machine-info.mjs';
import { killAllNow, pinSelf, stopAll, tasksetAvailable } from './lib/spawn-and-wait.mjs';

const SUITES = new Map([gatewayCoreSuite, translationSuite, routingSuite, accountingSuite].map((suite) => [suite.name, suite]));
const HARNESS_CORE = 1;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    idle: { type: 'string', default: '5' },
    'idle-warmup': { type: 'string', default: '200' },
    probes: { type: 'string', default: '300' },
    starts: { type: 'string', default: '5' },
    out: { type: 'string' },
    'keep-work-dir': { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
  },
});

if (values.list) {
  for (const suite of SUITES.values()) console.log(`${suite.name}: ${suite.description}`);
  process.exit(0);
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const names = positionals.length === 0 ? [gatewayCoreSuite.name] : positionals[0] === 'all' ? [...SUITES.keys()] : positionals;
const unknown = names.filter((name) => !SUITES.has(name));
if (unknown.length > 0) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${[...SUITES.keys()].join(', ')}`);
  process.exit(2);
}
if (!existsSync(join(repoRoot, 'dist/cli/main.js'))) {
  console.error('dist/cli/main.js is missing: run `npm run build` (or `npm run bench`, which builds first)');
  process.exit(2);
}

const positiveNumber = (flag) => {
  const value = Number(values[flag]);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${flag} must be a positive number`);
    process.exit(2);
  }
  return value;
};
const options = {
  durationSec: positiveNumber('duration'),
  warmupSec: positiveNumber('warmup'),
  idleSec: positiveNumber('idle'),
  idleWarmupRequests: Math.round(positiveNumber('idle-warmup')),
  probeCount: Math.round(positiveNumber('probes')),
  startupRuns: Math.round(positiveNumber('starts')),
  keepWorkDir: values['keep-work-dir'],
};

// Read before pinning: the load average says how busy the machine was when we started.
const machine = machineInfo();
const pinned = tasksetAvailable() && pinSelf(HARNESS_CORE);
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  log('interrupted: stopping child processes');
  stopAll().finally(() => process.exit(130));
});
process.on('SIGTERM', () => {
  stopAll().finally(() => process.exit(143));
});
process.on('exit', killAllNow);

const sections = [];
const raw = { machine, pinned, suites: {} };
try {
  for (const name of names) {
    const suite = SUITES.get(name);
    log(`suite ${name}`);
    const result = await suite.run({ repoRoot, options, pinned, log });
    sections.push(result.markdown);
    raw.suites[name] = result.raw;
  }
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}

if (sections.length > 0) {
  const header = [
    '# OmniRoute benchmark results',
    '',
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cpuModel}, ${machine.cores} cores; Node ${machine.node}`,
    `- Load average when the run started (1/5/15 min): ${machine.loadAverage.join(' / ')}`,
    `- CPU pinning: ${pinned ? 'yes (taskset)' : 'NO: taskset unavailable, processes unpinned'}`,
    '',
  ].join('\n');
  const markdown = `${header}\n${sections.join('\n')}`;
  process.stdout.write(`${markdown}\n`);
  const outDir = values.out ?? join(repoRoot, 'bench/results');
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'latest.md'), markdown);
  await writeFile(join(outDir, 'latest.json'), `${JSON.stringify(raw, null, 2)}\n`);
  log(`wrote ${join(outDir, 'latest.md')} and latest.json`);
}
