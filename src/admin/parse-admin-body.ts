import type { z } from 'zod';
import { formatZodIssues } from '../config/format-zod-issues.js';
import { invalidRequest } from '../errors/gateway-error.js';

export function parseAdminBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const first = result.error.issues[0];
    throw invalidRequest(formatZodIssues(result.error).join('; '), first?.path.map(String).join('.'));
  }
  return result.data;
}
