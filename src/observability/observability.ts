import type { CooldownEntry } from '../routing/cooldown-store.js';
import type { DatabaseKind } from '../store/database.js';
import type { RequestBodyRepository } from '../store/repositories/request-body-repository.js';
import type { RequestLogAnalytics } from '../store/repositories/request-log-analytics.js';
import type { CaptureBodies } from './body-capture.js';
import type { ConsoleLogBuffer } from './console-log-buffer.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { LatencyWindow } from './latency-window.js';

export type { CooldownEntry } from '../routing/cooldown-store.js';

/** Whatever caches exist, by name; each reports its own numbers. */
export type CacheStats = Record<string, Record<string, number>>;

/** The `observability` field of GatewayContext. */
export interface Observability {
  /** Set only when body capture is on; call it as `ctx.observability.capture?.(id, bodies)`. */
  capture?: CaptureBodies;
  /** Set only when `/metrics` is enabled. */
  metrics?: GatewayMetrics;
  tracing: boolean;
  latency: LatencyWindow;
  consoleLogs: ConsoleLogBuffer;
  cooldowns(): CooldownEntry[];
  cacheStats(): CacheStats;
  analytics: RequestLogAnalytics;
  bodies: RequestBodyRepository;
  databaseKind: DatabaseKind;
}
