// Preloaded into a measured process (`node --import <this> ...`) to explain its RSS: on
// SIGUSR2 it writes process.memoryUsage() and V8 heap-space sizes to $BENCH_MEMORY_REPORT.
// Dormant otherwise, so it does not change what is measured.
import { writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

const target = process.env.BENCH_MEMORY_REPORT;
if (target) {
  process.on('SIGUSR2', () => {
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]));
    const committed = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.physical_space_size]));
    writeFileSync(target, JSON.stringify({ ...process.memoryUsage(), heapSpaces: spaces, heapSpacesCommitted: committed }));
  });
}
