import type { RequestBodyRepository } from '../store/repositories/request-body-repository.js';
import type { AuditLogRepository } from '../store/repositories/audit-log-repository.js';
import type { RequestLogRepository } from '../store/repositories/request-log-repository.js';

export interface RetentionResult {
  byAge: number;
  bySize: number;
  bodies: number;
  audit: number;
}

export interface LogRetention {
  /** One pass: age first, then the row cap. */
  runOnce(): Promise<RetentionResult>;
  /** Runs now and then every `intervalMs` on an unref'd timer; resolves after the first pass. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

/** Keeps request logs, captured bodies and the audit log bounded by age and by row count. */
export function createLogRetention(options: {
  logs: Pick<RequestLogRepository, 'deleteOlderThan' | 'pruneToMaxRows'>;
  bodies: Pick<RequestBodyRepository, 'deleteOlderThan' | 'deleteUpTo'>;
  audit?: Pick<AuditLogRepository, 'prune'>;
  retentionDays: number;
  maxRows: number;
  /** The admin audit log is kept longer than request logs by default, and capped too. */
  auditRetentionDays?: number;
  auditMaxRows?: number;
  now?: () => number;
  intervalMs?: number;
  onResult?(result: RetentionResult): void;
  onError(error: unknown): void;
}): LogRetention {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 60 * 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function runOnce(): Promise<RetentionResult> {
    const cutoff = now() - options.retentionDays * DAY_MS;
    const byAge = await options.logs.deleteOlderThan(cutoff);
    let bodies = await options.bodies.deleteOlderThan(cutoff);
    const size = await options.logs.pruneToMaxRows(options.maxRows);
    if (size.cutoff) bodies += await options.bodies.deleteUpTo(size.cutoff);
    const audit = options.audit ? await options.audit.prune({ before: now() - (options.auditRetentionDays ?? 365) * DAY_MS, maxRows: options.auditMaxRows ?? 100_000 }) : 0;
    const result = { byAge, bySize: size.deleted, bodies, audit };
    options.onResult?.(result);
    return result;
  }

  function guarded(): Promise<unknown> {
    // A slow pass (big first prune) never overlaps the next tick.
    running ??= runOnce()
      .catch((error: unknown) => options.onError(error))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    runOnce,
    async start() {
      timer = setInterval(() => void guarded(), intervalMs);
      timer.unref();
      await guarded();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
