const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type FixedPeriod = 'daily' | 'weekly' | 'monthly';

export interface UsageWindow {
  /** Inclusive, epoch ms. */
  start: number;
  /** Exclusive: when the window resets. */
  end: number;
}

/** Minutes after UTC midnight of an `HH:MM` string (validated by the config schema). */
function minutesOf(resetAt: string | undefined): number {
  if (resetAt === undefined) return 0;
  const [hours = 0, minutes = 0] = resetAt.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * The fixed calendar window holding `now`, in UTC: a day starting at `resetAt` (default 00:00),
 * an ISO week starting Monday 00:00, a month starting on the 1st at 00:00.
 */
export function fixedWindow(period: FixedPeriod, now: number, resetAt?: string): UsageWindow {
  const date = new Date(now);
  if (period === 'daily') {
    const offset = minutesOf(resetAt) * MINUTE;
    let start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) + offset;
    if (start > now) start -= DAY;
    return { start, end: start + DAY };
  }
  if (period === 'weekly') {
    const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    const sinceMonday = (date.getUTCDay() + 6) % 7;
    const start = midnight - sinceMonday * DAY;
    return { start, end: start + 7 * DAY };
  }
  const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  return { start, end: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) };
}

export const ROLLING_5H_MS = 5 * HOUR;
export const MINUTE_MS = MINUTE;
