import { once } from 'node:events';
import { join } from 'node:path';
import { multistream, pino, type Logger, type StreamEntry } from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import type { LogLevel } from '../config/runtime-options.js';
import type { ConsoleLogBuffer } from './console-log-buffer.js';

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

export interface LogFileOptions {
  /** Directory of the files (DATA_DIR/logs). */
  directory: string;
  /** Rotate at this size, e.g. `10M`. */
  maxSize: string;
  /** Also rotate at midnight (UTC). */
  daily: boolean;
  /** Rotated files kept; older ones are deleted. */
  maxFiles: number;
}

export interface GatewayLogger {
  logger: Logger;
  /** Flush and close the log file, if any. */
  close(): Promise<void>;
}

export const LOG_FILE_NAME = 'omniroute.log';

/**
 * The same JSON lines to stdout, a rotating file and the in-memory console buffer. All in this
 * thread (pino.multistream, not a transport worker): a worker costs several MB of idle memory.
 */
export function createGatewayLogger(options: {
  level: LogLevel;
  buffer?: ConsoleLogBuffer;
  file?: LogFileOptions;
  stdout?: NodeJS.WritableStream;
}): GatewayLogger {
  if (options.level === 'silent') return { logger: pino({ level: 'silent' }), close: () => Promise.resolve() };
  const level = options.level;
  const streams: StreamEntry[] = [{ level, stream: options.stdout ?? process.stdout }];
  let file: RotatingFileStream | undefined;
  if (options.file) {
    file = createStream(LOG_FILE_NAME, {
      path: options.file.directory,
      size: options.file.maxSize,
      ...(options.file.daily ? { interval: '1d', intervalUTC: true } : {}),
      maxFiles: options.file.maxFiles,
      mode: 0o600,
    });
    // A full disk must not take the gateway down with it; stdout still has every line.
    file.on('error', () => {});
    streams.push({ level, stream: file });
  }
  if (options.buffer) streams.push({ level, stream: options.buffer.stream });
  const logger = pino(
    { level, base: undefined, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    multistream(streams),
  );
  return {
    logger,
    async close() {
      if (!file || file.closed) return;
      const closed = once(file, 'finish');
      file.end();
      await closed;
    },
  };
}

export function logDirectory(dataDir: string): string {
  return join(dataDir, 'logs');
}
