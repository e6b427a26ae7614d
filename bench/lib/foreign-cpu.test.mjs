import { describe, expect, it } from 'vitest';
import { machineBusySeconds, processCpuSeconds, startForeignCpuWindow } from './foreign-cpu.mjs';

describe('machineBusySeconds', () => {
  it('adds the busy columns of the aggregate cpu line and skips idle and iowait', () => {
    // user nice system idle iowait irq softirq steal
    const stat = 'cpu  100 10 50 9999 888 5 5 30 0 0\ncpu0 1 1 1 1 1 1 1 1 0 0\n';
    expect(machineBusySeconds(stat)).toBeCloseTo(2, 6);
  });
});

describe('processCpuSeconds', () => {
  it('reads this process, whose command name is parsed past the parentheses', () => {
    let spin = 0;
    for (let i = 0; i < 5e7; i += 1) spin += i;
    expect(spin).toBeGreaterThan(0);
    expect(processCpuSeconds(process.pid)).toBeGreaterThan(0);
  });

  it('counts a missing process as zero', () => {
    expect(processCpuSeconds(2 ** 22 + 1)).toBe(0);
  });
});

describe('startForeignCpuWindow', () => {
  it('never reports negative foreign load', () => {
    const window = startForeignCpuWindow([process.pid]);
    const result = window.stop(1000);
    expect(result.foreignCores).toBe(0);
    expect(result.wallSeconds).toBeGreaterThanOrEqual(0);
  });
});
