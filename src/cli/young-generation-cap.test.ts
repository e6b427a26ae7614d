import { describe, expect, it } from 'vitest';
import { SEMI_SPACE_CAP_MIB, growthFactorToward, shouldCapYoungGeneration } from './young-generation-cap.js';

const MIB = 1024 * 1024;

describe('shouldCapYoungGeneration', () => {
  it('caps by default', () => {
    expect(shouldCapYoungGeneration([], {})).toBe(true);
    expect(shouldCapYoungGeneration(['--enable-source-maps'], { NODE_OPTIONS: '--max-old-space-size=512' })).toBe(true);
  });

  it("leaves the user's own young-generation sizing alone, on the command line or in NODE_OPTIONS", () => {
    expect(shouldCapYoungGeneration(['--max-semi-space-size=16'], {})).toBe(false);
    expect(shouldCapYoungGeneration(['--min_semi_space_size=2'], {})).toBe(false);
    expect(shouldCapYoungGeneration([], { NODE_OPTIONS: '--inspect --semi-space-growth-factor=2' })).toBe(false);
  });

  it('can be switched off', () => {
    expect(shouldCapYoungGeneration([], { OMNIROUTE_V8_DEFAULTS: '1' })).toBe(false);
  });
});

describe('growthFactorToward', () => {
  it('grows to the cap in one whole-number step, and not beyond it', () => {
    expect(growthFactorToward(1 * MIB)).toBe(SEMI_SPACE_CAP_MIB);
    expect(growthFactorToward((SEMI_SPACE_CAP_MIB / 2) * MIB)).toBe(2);
    // Never below 2 while under the cap: a factor of 1 would leave it there for good.
    expect(growthFactorToward(SEMI_SPACE_CAP_MIB * MIB - 1)).toBe(2);
  });

  it('stops growth at the cap or above, and when V8 reports no new space', () => {
    expect(growthFactorToward(SEMI_SPACE_CAP_MIB * MIB)).toBe(1);
    expect(growthFactorToward(16 * MIB)).toBe(1);
    expect(growthFactorToward(0)).toBe(1);
  });
});
