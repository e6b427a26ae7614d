import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/runtime-options.js';

/** Secrets never reach a log line, whichever object they travel in. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-goog-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-goog-api-key"]',
  '*.apiKey',
  'apiKey',
  // Client API keys (issue #5 part 2): headers one level deeper, a key object's secret, and the
  // Gemini `?key=` query.
  'req.headers["proxy-authorization"]',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.headers["x-goog-api-key"]',
  '*.headers.cookie',
  'req.query.key',
  'query.key',
  'key',
  '*.key',
  'keyHash',
  '*.keyHash',
];

/** `?key=<secret>` (Gemini clients) must not survive into a logged URL. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]key=)[^&#]*/gi, '$1[redacted]');
}

export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { req: (req: { url?: unknown }) => (typeof req?.url === 'string' ? { ...req, url: redactUrl(req.url) } : req) },
    },
    destination ?? process.stdout,
  );
}
