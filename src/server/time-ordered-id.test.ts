import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('is a UUIDv7 whose first 48 bits are the time in ms', () => {
    const id = timeOrderedId(0x0192_3456_789a);
    expect(id).toMatch(UUID_V7);
    expect(id.startsWith('01923456-789a-7')).toBe(true);
  });

  it('sorts by time as a string, and is unique within one millisecond', () => {
    const earlier = timeOrderedId(1_700_000_000_000);
    const later = timeOrderedId(1_700_000_000_001);
    expect(earlier < later).toBe(true);
    const sameMs = new Set(Array.from({ length: 1000 }, () => timeOrderedId(1_700_000_000_000)));
    expect(sameMs.size).toBe(1000);
  });
});
