import { Writable } from 'node:stream';

export interface ConsoleLogLine {
  /** Epoch ms. */
  time: number;
  /** pino numeric level (10 trace … 60 fatal). */
  level: number;
  levelName: string;
  msg: string;
  /** The whole JSON line, as written. */
  line: string;
}

export interface ConsoleLogQuery {
  /** Minimum level name or number; `warn` returns warn, error and fatal. */
  level?: number;
  q?: string;
  since?: number;
  limit?: number;
}

export interface ConsoleLogBuffer {
  /** A stream for pino.multistream. */
  stream: Writable;
  push(line: string): void;
  query(options?: ConsoleLogQuery): ConsoleLogLine[];
  size(): number;
}

export const LOG_LEVELS: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
const LEVEL_NAMES = new Map(Object.entries(LOG_LEVELS).map(([name, value]) => [value, name]));
/** One runaway line (a huge error object) must not hold megabytes. */
const MAX_LINE_CHARS = 8_192;

/** The newest `capacity` log lines in memory, for the dashboard's console view. */
export function createConsoleLogBuffer(capacity: number): ConsoleLogBuffer {
  const lines: ConsoleLogLine[] = [];
  let next = 0;

  function push(raw: string): void {
    const text = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
    if (text === '') return;
    let time = Date.now();
    let level = 30;
    let msg = '';
    try {
      const parsed = JSON.parse(text) as { time?: unknown; level?: unknown; msg?: unknown };
      if (typeof parsed.time === 'number') time = parsed.time;
      if (typeof parsed.level === 'number') level = parsed.level;
      if (typeof parsed.msg === 'string') msg = parsed.msg;
    } catch {
      msg = text;
    }
    const entry: ConsoleLogLine = { time, level, levelName: LEVEL_NAMES.get(level) ?? String(level), msg, line: text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}…` : text };
    if (lines.length < capacity) lines.push(entry);
    else lines[next] = entry;
    next = (next + 1) % capacity;
  }

  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      // pino writes one JSON line per call; split anyway in case lines arrive joined.
      for (const part of String(chunk).split('\n')) push(part);
      callback();
    },
  });

  return {
    stream,
    push,
    size: () => lines.length,
    query(options = {}) {
      const ordered = lines.length < capacity ? lines : [...lines.slice(next), ...lines.slice(0, next)];
      const q = options.q?.toLowerCase();
      const matching = ordered.filter(
        (l) => (options.level === undefined || l.level >= options.level) && (options.since === undefined || l.time >= options.since) && (q === undefined || l.line.toLowerCase().includes(q)),
      );
      const limit = options.limit ?? 200;
      return matching.slice(Math.max(0, matching.length - limit));
    },
  };
}
