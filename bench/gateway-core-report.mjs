// The Markdown tables of the gateway-core suite, from its raw results.
import { formatNumber, markdownTable } from './lib/markdown-table.mjs';

export const MIB = 1024 * 1024;
export const TARGET_IDS = ['direct', 'bare-proxy', 'gateway'];
export const TARGET_LABELS = { direct: 'mock direct', 'bare-proxy': 'bare proxy', gateway: 'gateway' };

export function loadTable(targets, workloads, connectionCounts) {
  const rows = [];
  for (const workload of workloads) {
    for (const connections of connectionCounts) {
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
          formatNumber(cell.foreignCores, 2),
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
      { title: 'other load (cores)', align: 'right' },
    ],
    rows,
  );
}

export function firstByteTable(targets) {
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

export function memoryTable(targets, startup) {
  const mib = (bytes) => formatNumber(bytes / MIB, 1);
  const rows = ['bare-proxy', 'gateway'].map((id) => {
    const memory = targets[id].memory;
    const breakdown = memory.idleBreakdown;
    return [
      TARGET_LABELS[id],
      mib(memory.afterStartBytes),
      mib(memory.idleBytes),
      mib(memory.idleAnonBytes),
      mib(memory.idleFileBytes),
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
      { title: 'of which anon', align: 'right' },
      { title: 'of which file-backed', align: 'right' },
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

export function checksTable(checks) {
  return markdownTable(
    [{ title: 'target' }, { title: 'measured' }, { title: 'goal' }, { title: 'result' }],
    checks.map((check) => [check.name, check.measured, check.goal, check.pass ? 'PASS' : 'FAIL']),
  );
}
