import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidRequest } from '../errors/gateway-error.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { ANALYTICS_GROUPS, ANALYTICS_INTERVALS } from '../store/repositories/request-log-analytics.js';
import { timeParam } from './admin-query.js';
import { parseAdminBody } from './parse-admin-body.js';

const DAY_MS = 86_400_000;
/** An hourly series over a year is ~8,800 points per group: enough for any chart. */
const MAX_RANGE_MS = 400 * DAY_MS;

const rangeQuery = z.strictObject({ since: timeParam.optional(), until: timeParam.optional() });
const seriesQuery = rangeQuery.extend({ interval: z.enum(ANALYTICS_INTERVALS).optional(), groupBy: z.enum(ANALYTICS_GROUPS).optional() });

function rangeOf(query: { since?: number; until?: number }): { since: number; until: number } {
  const until = query.until ?? Date.now();
  const since = query.since ?? until - DAY_MS;
  if (since >= until) throw invalidRequest('since must be before until', 'since');
  if (until - since > MAX_RANGE_MS) throw invalidRequest('the range may span at most 400 days', 'since');
  return { since, until };
}

/** Totals and time series for the dashboard (defaults: the last 24 hours). */
export function registerAnalyticsRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/api/analytics/summary', async (request) => {
    const range = rangeOf(parseAdminBody(rangeQuery, request.query));
    return { ...range, ...(await ctx.observability.analytics.summary(range)) };
  });

  app.get('/api/analytics/timeseries', async (request) => {
    const query = parseAdminBody(seriesQuery, request.query);
    const range = rangeOf(query);
    const interval = query.interval ?? 'hour';
    const points = await ctx.observability.analytics.timeseries({ ...range, interval, ...(query.groupBy ? { groupBy: query.groupBy } : {}) });
    return { ...range, interval, groupBy: query.groupBy ?? null, data: points };
  });
}
