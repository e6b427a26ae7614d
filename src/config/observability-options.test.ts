import { describe, expect, it } from 'vitest';
import { configFileSchema } from './config-file-schema.js';
import { resolveRuntimeOptions } from './runtime-options.js';

const resolve = (env: NodeJS.ProcessEnv, host?: string, settings: Parameters<typeof resolveRuntimeOptions>[0]['fileSettings'] = {}) =>
  resolveRuntimeOptions({ flags: { dataDir: '/tmp/omniroute-x', ...(host ? { host } : {}) }, env, fileSettings: settings });

describe('observability options', () => {
  it('defaults: no body capture, 30 days, 1M rows, a log file, metrics on loopback only, no tracing', () => {
    const options = resolve({});
    expect(options.logging).toMatchObject({ captureBodies: false, maxBodyBytes: 65_536, retentionDays: 30, maxRows: 1_000_000, file: { maxSize: '10M', daily: true, maxFiles: 7 } });
    expect(options.observability).toEqual({ metrics: { enabled: true, maxModels: 50 }, otlpTracesUrl: undefined });
    expect(resolve({}, '0.0.0.0').observability.metrics.enabled).toBe(false);
    expect(resolve({}, '0.0.0.0', { metrics: { enabled: true } }).observability.metrics.enabled).toBe(true);
  });

  it('reads ENABLE_REQUEST_LOGS and the OTLP endpoint variables', () => {
    expect(resolve({ ENABLE_REQUEST_LOGS: 'true' }).logging.captureBodies).toBe(true);
    expect(resolve({ ENABLE_REQUEST_LOGS: 'false' }, undefined, { logging: { captureBodies: true } }).logging.captureBodies).toBe(false);
    expect(resolve({}, undefined, { logging: { captureBodies: true } }).logging.captureBodies).toBe(true);
    expect(resolve({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' }).observability.otlpTracesUrl).toBe('http://127.0.0.1:4318/v1/traces');
    expect(resolve({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/custom' }).observability.otlpTracesUrl).toBe('http://c:4318/custom');
  });

  it('turns the log file off with `file: false` and validates settings with field names', () => {
    expect(resolve({}, undefined, { logging: { file: false } }).logging.file).toBeUndefined();
    const bad = configFileSchema.safeParse({ settings: { logging: { retentionDays: 0, file: { maxSize: 'big' } } } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['settings.logging.retentionDays', 'settings.logging.file.maxSize']);
    expect(configFileSchema.safeParse({ settings: { metrics: { enabled: false, extra: 1 } } }).success).toBe(false);
  });
});
