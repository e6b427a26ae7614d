import { readFileSync } from 'node:fs';

/** Resident set size of `pid` in bytes (VmRSS), or undefined once the process is gone. */
export function readRssBytes(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * RSS split into anonymous memory (heap, stacks, native allocations: what the process itself
 * costs) and file-backed pages (mostly the node binary and shared libraries, shared with every
 * other node process), in bytes; undefined once the process is gone.
 */
export function readRssBreakdown(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field) => {
      const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    };
    return { rssBytes: kib('VmRSS'), anonBytes: kib('RssAnon'), fileBytes: kib('RssFile') };
  } catch {
    return undefined;
  }
}

/** Samples `pid`'s RSS every `intervalMs` until `stop()`, which returns the peak seen. */
export function startRssSampler(pid, intervalMs = 100) {
  let peakBytes = readRssBytes(pid) ?? 0;
  let samples = 0;
  const timer = setInterval(() => {
    const rss = readRssBytes(pid);
    if (rss === undefined) return;
    samples += 1;
    if (rss > peakBytes) peakBytes = rss;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakBytes, samples };
    },
  };
}
