import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/runtime-options.js';

/** Secrets never reach a log line, whichever object they travel in. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-goog-api-key"]',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-goog-api-key"]',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-csrf-token"]',
  '*.apiKey',
  'apiKey',
  // Dashboard login: request bodies, session ids and CSRF tokens.
  'password',
  '*.password',
  'currentPassword',
  '*.currentPassword',
  'newPassword',
  '*.newPassword',
  'sessionId',
  '*.sessionId',
  'csrfToken',
  '*.csrfToken',
  'cookie',
  '*.cookie',
];

export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: undefined, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination ?? process.stdout);
}
