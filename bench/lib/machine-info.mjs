import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** What a reader needs to compare two result files: CPU, cores, Node, date, load at start. */
export function machineInfo() {
  let cpuModel = 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) cpuModel = match[1].trim();
  } catch {
    // not Linux: keep 'unknown'
  }
  return {
    cpuModel,
    // cpus(), not availableParallelism(): the latter shrinks once the bench pins itself to one core.
    cores: cpus().length,
    node: process.version,
    date: new Date().toISOString(),
    loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
  };
}
