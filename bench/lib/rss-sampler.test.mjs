import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { readRssBreakdown, readRssBytes, startRssSampler } from './rss-sampler.mjs';

describe('readRssBytes', () => {
  it('reads a live process RSS from /proc', () => {
    const rss = readRssBytes(process.pid);
    const own = process.memoryUsage().rss;
    expect(rss).toBeGreaterThan(own / 2);
    expect(rss).toBeLessThan(own * 2);
  });

  it('returns undefined once the process is gone', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    await once(child, 'exit');
    expect(readRssBytes(child.pid)).toBeUndefined();
  });
});

describe('startRssSampler', () => {
  it('reports a peak at least as large as the RSS when it started', () => {
    const before = readRssBytes(process.pid);
    const sampler = startRssSampler(process.pid, 5);
    const { peakBytes } = sampler.stop();
    expect(peakBytes).toBeGreaterThanOrEqual(before * 0.9);
  });
});

describe('readRssBreakdown', () => {
  it('splits RSS into anonymous and file-backed pages that add up', () => {
    const breakdown = readRssBreakdown(process.pid);
    expect(breakdown.anonBytes).toBeGreaterThan(0);
    expect(breakdown.fileBytes).toBeGreaterThan(0);
    // Shared-memory pages make up the rest; tiny for node.
    expect(breakdown.anonBytes + breakdown.fileBytes).toBeLessThanOrEqual(breakdown.rssBytes);
    expect(breakdown.anonBytes + breakdown.fileBytes).toBeGreaterThan(breakdown.rssBytes * 0.9);
  });
});
