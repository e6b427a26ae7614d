import { Counter, Histogram, type Registry } from 'prom-client';

/*
 * Per-request series, counted in our own maps and handed to prom-client only when /metrics is
 * scraped. prom-client's `inc`/`observe` build and hash a label object on every call: ~7 µs per
 * request for the gateway's six series in profiles under load, against one string join and a map
 * lookup here. prom-client still owns the registry and the exposition format.
 */

type Labels = Record<string, string>;

function labelsOf(names: readonly string[], values: readonly string[]): Labels {
  const labels: Labels = {};
  names.forEach((name, index) => (labels[name] = values[index] ?? ''));
  return labels;
}

export interface SeriesCounter {
  /** `values` in the order of the counter's label names. */
  inc(values: readonly string[], amount?: number): void;
}

export function createSeriesCounter(config: { name: string; help: string; labelNames: string[]; registry: Registry }): SeriesCounter {
  const series = new Map<string, { labels: Labels; total: number; exported: number }>();
  new Counter({
    name: config.name,
    help: config.help,
    labelNames: config.labelNames,
    registers: [config.registry],
    // At scrape: what each series gained since the last one.
    collect() {
      for (const entry of series.values()) {
        if (entry.total === entry.exported) continue;
        this.inc(entry.labels, entry.total - entry.exported);
        entry.exported = entry.total;
      }
    },
  });
  return {
    inc(values, amount = 1) {
      const key = values.join('\u0000');
      let entry = series.get(key);
      if (!entry) series.set(key, (entry = { labels: labelsOf(config.labelNames, values), total: 0, exported: 0 }));
      entry.total += amount;
    },
  };
}

interface HistogramSeries {
  labels: Labels;
  /** Count per bucket (not cumulative), one per upper bound. */
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * A prom-client Histogram whose observations are bucketed here and reported through `get()`, the
 * metric's public read method, in the shape prom-client's own histogram reports.
 */
export class SeriesHistogram extends Histogram<string> {
  private readonly series = new Map<string, HistogramSeries>();
  private readonly bounds: number[];
  private readonly seriesLabelNames: string[];
  private readonly metricName: string;
  private readonly metricHelp: string;
  // The registry prefers this internal reader when present; ours is `get()`.
  readonly getForPromString = undefined;

  constructor(config: { name: string; help: string; labelNames: string[]; buckets: number[]; registry: Registry }) {
    super({ name: config.name, help: config.help, labelNames: config.labelNames, buckets: config.buckets, registers: [config.registry] });
    this.bounds = [...config.buckets].sort((a, b) => a - b);
    this.seriesLabelNames = config.labelNames;
    this.metricName = config.name;
    this.metricHelp = config.help;
  }

  /** `values` in the order of the histogram's label names. */
  record(values: readonly string[], value: number): void {
    if (!Number.isFinite(value)) return;
    const key = values.join('\u0000');
    let entry = this.series.get(key);
    if (!entry) this.series.set(key, (entry = { labels: labelsOf(this.seriesLabelNames, values), buckets: this.bounds.map(() => 0), sum: 0, count: 0 }));
    for (let index = 0; index < this.bounds.length; index += 1) {
      if (value <= (this.bounds[index] ?? 0)) {
        entry.buckets[index] = (entry.buckets[index] ?? 0) + 1;
        break;
      }
    }
    entry.sum += value;
    entry.count += 1;
  }

  override get(): ReturnType<Histogram<string>['get']> {
    const values: Array<{ value: number; labels: Record<string, string | number>; metricName: string }> = [];
    for (const entry of this.series.values()) {
      let cumulative = 0;
      this.bounds.forEach((bound, index) => {
        cumulative += entry.buckets[index] ?? 0;
        values.push({ value: cumulative, labels: { le: bound, ...entry.labels }, metricName: `${this.metricName}_bucket` });
      });
      values.push({ value: entry.count, labels: { le: '+Inf', ...entry.labels }, metricName: `${this.metricName}_bucket` });
      values.push({ value: entry.sum, labels: entry.labels, metricName: `${this.metricName}_sum` });
      values.push({ value: entry.count, labels: entry.labels, metricName: `${this.metricName}_count` });
    }
    // prom-client's typings say `type: MetricType` (an enum) where its histograms report the string
    // 'histogram', which is what the registry writes out; the cast follows the runtime.
    const metric = { name: this.metricName, help: this.metricHelp, type: 'histogram', values, aggregator: 'sum' };
    return Promise.resolve(metric as unknown as Awaited<ReturnType<Histogram<string>['get']>>);
  }
}
