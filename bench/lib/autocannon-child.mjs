// Runs in its own (pinned) process so the load generator never shares an event loop with
// the harness. Input: one JSON argument; output: one JSON line on stdout.
import autocannon from 'autocannon';
import { summarize } from './stats.mjs';

const spec = JSON.parse(process.argv[2] ?? '{}');

function run(durationSec, collect, amount) {
  const instance = autocannon({
    url: spec.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...spec.headers },
    body: spec.body,
    connections: spec.connections,
    // A fixed number of requests instead of a duration (for CPU per request, bench/cpu-cost.mjs).
    ...(amount ? { amount } : { duration: durationSec }),
  });
  // autocannon's own histogram stores whole milliseconds; loopback latencies are fractions of
  // one, so keep every 2xx response time ourselves.
  const times = [];
  if (collect) {
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
    });
  }
  return instance.then((result) => ({ result, times }));
}

if (spec.warmupSec > 0 || spec.warmupAmount > 0) await run(spec.warmupSec, false, spec.warmupAmount);
const { result, times } = await run(spec.durationSec, true, spec.amount);
const latency = summarize(times);
process.stdout.write(
  `${JSON.stringify({
    durationSec: result.duration,
    ok: times.length,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    requestsPerSec: times.length / result.duration,
    latencyMs: latency,
    bytesPerSec: result.throughput.average,
    // The harness subtracts this from machine-wide CPU to see how busy everything else was.
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  })}\n`,
);
