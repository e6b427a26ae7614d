import { describe, expect, it } from 'vitest';
import { SEMI_SPACE_CAP_MIB, shouldCapYoungGeneration, youngGenerationAtCap } from './young-generation-cap.js';

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

describe('youngGenerationAtCap', () => {
  const spaces = (newSpaceMiB: number) => [
    { space_name: 'old_space', space_size: 64 * MIB },
    { space_name: 'new_space', space_size: newSpaceMiB * MIB },
  ];

  it('compares both semi-spaces with the cap', () => {
    expect(youngGenerationAtCap(spaces(2))).toBe(false);
    expect(youngGenerationAtCap(spaces(2 * SEMI_SPACE_CAP_MIB - 1))).toBe(false);
    expect(youngGenerationAtCap(spaces(2 * SEMI_SPACE_CAP_MIB))).toBe(true);
    expect(youngGenerationAtCap(spaces(32))).toBe(true);
  });

  it('is false when V8 reports no new space', () => {
    expect(youngGenerationAtCap([{ space_name: 'old_space', space_size: 64 * MIB }])).toBe(false);
  });
});
