import { describe, expect, it } from 'vitest';
import { fixedWindow } from './usage-window.js';

const at = (iso: string) => Date.parse(iso);

describe('fixedWindow (UTC)', () => {
  it('daily windows start at midnight, or at resetAt', () => {
    expect(fixedWindow('daily', at('2026-11-21T13:00:00Z'))).toEqual({ start: at('2026-11-21T00:00:00Z'), end: at('2026-11-22T00:00:00Z') });
    expect(fixedWindow('daily', at('2026-11-21T13:00:00Z'), '14:30')).toEqual({ start: at('2026-11-20T14:30:00Z'), end: at('2026-11-21T14:30:00Z') });
    expect(fixedWindow('daily', at('2026-11-21T14:30:00Z'), '14:30')).toEqual({ start: at('2026-11-21T14:30:00Z'), end: at('2026-11-22T14:30:00Z') });
  });

  it('weekly windows start on Monday, monthly on the 1st', () => {
    // 2026-11-21 is a Saturday.
    expect(fixedWindow('weekly', at('2026-11-21T13:00:00Z'))).toEqual({ start: at('2026-11-16T00:00:00Z'), end: at('2026-11-23T00:00:00Z') });
    expect(fixedWindow('weekly', at('2026-11-23T00:00:00Z')).start).toBe(at('2026-11-23T00:00:00Z'));
    expect(fixedWindow('monthly', at('2026-12-31T23:59:59Z'))).toEqual({ start: at('2026-12-01T00:00:00Z'), end: at('2027-01-01T00:00:00Z') });
  });
});
