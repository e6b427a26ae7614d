// How much CPU the rest of the machine used while a measurement ran: other people's tests on
// this shared 2-core box steal time from the pinned processes and skew a cell, and this says so.
import { readFileSync } from 'node:fs';

/** Linux reports /proc CPU times in USER_HZ ticks; 100 on every mainstream kernel build. */
const TICKS_PER_SECOND = 100;

/** Busy seconds of all cores together since boot (user, nice, system, irq, softirq, steal), from /proc/stat. */
export function machineBusySeconds(stat = readFileSync('/proc/stat', 'utf8')) {
  const line = stat.split('\n').find((candidate) => candidate.startsWith('cpu '));
  if (!line) return Number.NaN;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + (steal ?? 0)) / TICKS_PER_SECOND;
}

/** User + system CPU seconds of one process (utime, stime in /proc/<pid>/stat), 0 once it is gone. */
export function processCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * Starts a window; `stop(extraOwnSeconds)` returns the average number of cores used by processes
 * other than `pids`, this process and `extraOwnSeconds` (CPU of children that already exited,
 * such as the load generator, which reports its own).
 */
export function startForeignCpuWindow(pids) {
  const started = performance.now();
  const busy = machineBusySeconds();
  const own = pids.map(processCpuSeconds);
  const self = process.cpuUsage();
  return {
    stop(extraOwnSeconds = 0) {
      const wallSeconds = (performance.now() - started) / 1000;
      const busyDelta = machineBusySeconds() - busy;
      const ownDelta = pids.reduce((sum, pid, index) => sum + processCpuSeconds(pid) - (own[index] ?? 0), 0);
      const selfUsage = process.cpuUsage(self);
      const selfSeconds = (selfUsage.user + selfUsage.system) / 1e6;
      const foreign = busyDelta - ownDelta - selfSeconds - extraOwnSeconds;
      return { wallSeconds, foreignCores: Math.max(0, foreign) / wallSeconds };
    },
  };
}
