import type { Logger } from 'pino';
import type { RuntimeOptions } from '../config/runtime-options.js';
import type { ModelDiscovery } from '../providers/model-discovery.js';
import type { Database } from '../store/database.js';
import { createRequestBodyRepository } from '../store/repositories/request-body-repository.js';
import { createRequestLogAnalytics } from '../store/repositories/request-log-analytics.js';
import type { RequestLogRepository } from '../store/repositories/request-log-repository.js';
import type { RequestLogWriter } from '../usage/request-log-writer.js';
import { createBodyCapture, type BodyCapture } from './body-capture.js';
import type { ConsoleLogBuffer } from './console-log-buffer.js';
import { createLatencyWindow } from './latency-window.js';
import type { AuditLogRepository } from '../store/repositories/audit-log-repository.js';
import { createLogRetention } from './log-retention.js';
import type { CooldownEntry, Observability } from './observability.js';
import { observeRequestLog, type RowObserver } from './observe-request-log.js';
import type { RequestTracer } from './request-tracer.js';

export interface ObservabilityWiring {
  observability: Observability;
  /** The request-log writer with metrics, traces and the latency window looking at each row. */
  requestLog: RequestLogWriter;
  /** Flush captured bodies and traces, stop retention. */
  close(): Promise<void>;
}

/**
 * Builds everything behind `ctx.observability` at boot. Optional parts are loaded only when
 * switched on (prom-client for /metrics, the OTel SDK for traces), so a default install does not
 * carry them in memory.
 */
export async function createObservability(deps: {
  options: RuntimeOptions;
  version: string;
  database: Database;
  requestLogs: RequestLogRepository;
  /** The admin audit log, pruned with the request logs. */
  audit?: Pick<AuditLogRepository, 'prune'>;
  requestLog: RequestLogWriter;
  consoleLogs: ConsoleLogBuffer;
  modelDiscovery: ModelDiscovery;
  logger: Logger;
  /** Until routing exposes its cooldown list, the lead passes `() => []`. */
  cooldowns?: () => CooldownEntry[];
  now?: () => number;
}): Promise<ObservabilityWiring> {
  const { options, logger } = deps;
  const bodies = createRequestBodyRepository(deps.database);
  const latency = createLatencyWindow();
  const observers: RowObserver[] = [(row) => row.provider !== null && latency.add(row.provider, row.latencyMs, row.ttfbMs)];

  let metrics: Observability['metrics'];
  if (options.observability.metrics.enabled) {
    const { createGatewayMetrics } = await import('./gateway-metrics.js');
    const created = createGatewayMetrics({ maxModels: options.observability.metrics.maxModels });
    metrics = created;
    observers.push((row) => created.observe(row));
  }

  let tracer: RequestTracer | undefined;
  const tracesUrl = options.observability.otlpTracesUrl;
  if (tracesUrl) {
    const { loadRequestTracer } = await import('./request-tracer.js');
    const loaded = await loadRequestTracer({ url: tracesUrl, version: deps.version });
    if ('error' in loaded) logger.warn(loaded.error);
    else {
      tracer = loaded.tracer;
      const recordSpan = loaded.tracer.record;
      observers.push((row) => recordSpan(row));
      logger.info({ url: tracesUrl }, 'exporting OpenTelemetry traces');
    }
  }

  let capture: BodyCapture | undefined;
  if (options.logging.captureBodies) {
    capture = createBodyCapture({
      repository: bodies,
      maxBodyBytes: options.logging.maxBodyBytes,
      flushIntervalMs: options.requestLogFlushMs,
      onError: (error, dropped) => logger.error({ err: error, dropped }, 'writing captured bodies failed'),
    });
    logger.warn('request/response body capture is on (ENABLE_REQUEST_LOGS): bodies are stored redacted in the database');
  }

  const retention = createLogRetention({
    logs: deps.requestLogs,
    bodies,
    ...(deps.audit ? { audit: deps.audit } : {}),
    retentionDays: options.logging.retentionDays,
    maxRows: options.logging.maxRows,
    ...(deps.now ? { now: deps.now } : {}),
    onResult: (result) => {
      if (result.byAge + result.bySize + result.bodies + result.audit > 0) logger.info(result, 'log retention removed old rows');
    },
    onError: (error) => logger.error({ err: error }, 'request-log retention failed'),
  });
  // Not awaited: a first prune of a large table must not delay boot; close() waits for it.
  void retention.start();

  const observability: Observability = {
    ...(capture ? { capture: capture.capture } : {}),
    ...(metrics ? { metrics } : {}),
    tracing: tracer !== undefined,
    latency,
    consoleLogs: deps.consoleLogs,
    cooldowns: deps.cooldowns ?? (() => []),
    cacheStats: () => {
      const snapshot = deps.modelDiscovery.snapshot();
      let models = 0;
      for (const ids of snapshot.values()) models += ids.length;
      return { modelDiscovery: { providers: snapshot.size, models } };
    },
    analytics: createRequestLogAnalytics(deps.database),
    bodies,
    databaseKind: deps.database.kind,
  };

  return {
    observability,
    requestLog: observeRequestLog(deps.requestLog, observers, (error) => logger.error({ err: error }, 'request-log observer failed')),
    async close() {
      await retention.stop();
      await capture?.close();
      await tracer?.close().catch((error: unknown) => logger.warn({ err: error }, 'flushing traces failed'));
    },
  };
}
