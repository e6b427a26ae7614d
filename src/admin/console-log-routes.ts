import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LOG_LEVELS } from '../observability/console-log-buffer.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { intParam, timeParam } from './admin-query.js';
import { parseAdminBody } from './parse-admin-body.js';

const query = z.strictObject({
  /** Minimum level: `warn` returns warn, error and fatal. */
  level: z.enum(Object.keys(LOG_LEVELS) as [string, ...string[]]).optional(),
  q: z.string().min(1).max(200).optional(),
  since: timeParam.optional(),
  limit: intParam(1, 5000).optional(),
});

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    // Cut-off (very long) or non-JSON lines are returned as text.
    return line;
  }
}

/** Recent gateway log lines from memory, for the dashboard's live console (poll with `since`). */
export function registerConsoleLogRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/api/console-logs', async (request) => {
    const { level, ...rest } = parseAdminBody(query, request.query);
    const lines = ctx.observability.consoleLogs.query({ ...rest, ...(level ? { level: LOG_LEVELS[level] } : {}) });
    return { data: lines.map(({ line, ...meta }) => ({ ...meta, entry: parseLine(line) })) };
  });
}
