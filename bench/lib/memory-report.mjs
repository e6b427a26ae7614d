import { readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** `node` arguments that preload the reporter into a child (see memory-report-preload.mjs). */
export const MEMORY_REPORT_PRELOAD = ['--import', fileURLToPath(new URL('./memory-report-preload.mjs', import.meta.url))];

/** Asks a preloaded child for its memory breakdown; undefined if it did not answer in time. */
export async function requestMemoryReport(pid, file, timeoutMs = 2000) {
  await rm(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    try {
      return JSON.parse(await readFile(file, 'utf8'));
    } catch {
      await sleep(20);
    }
  }
  return undefined;
}
