import { z } from 'zod';

/** A time in a query string: epoch milliseconds or an ISO 8601 date-time. */
export const timeParam = z.string().transform((value, ctx) => {
  const parsed = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(parsed)) {
    ctx.addIssue({ code: 'custom', message: 'use epoch milliseconds or an ISO 8601 date-time' });
    return z.NEVER;
  }
  return parsed;
});

export const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'use a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
