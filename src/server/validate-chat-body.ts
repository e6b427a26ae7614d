import { z } from 'zod';
import { invalidRequest } from '../errors/gateway-error.js';
import { formatZodIssues } from '../config/format-zod-issues.js';

/**
 * Only what the gateway itself needs is checked; everything else is the provider's business and
 * passes through untouched (a stricter check here would reject fields providers accept).
 */
const chatBodySchema = z.looseObject({
  model: z.string().min(1, 'model is required'),
  messages: z.array(z.unknown()).min(1, 'messages must contain at least one message'),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
});

export type ChatBody = z.infer<typeof chatBodySchema>;

export function validateChatBody(body: unknown): ChatBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidRequest('The request body must be a JSON object');
  const result = chatBodySchema.safeParse(body);
  if (!result.success) {
    const first = result.error.issues[0];
    const param = first ? first.path.map(String).join('.') : undefined;
    throw invalidRequest(formatZodIssues(result.error).join('; '), param);
  }
  return result.data;
}
