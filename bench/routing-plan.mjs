// The CPU a routing decision costs, measured in-process so a busy machine barely matters:
// plan a request and take its first attempt, for a single model and for a 3-target combo.
//   node --import tsx bench/routing-plan.mjs   (straight from src/: dist/ is one bundle)
import { createProviderRegistry } from '../src/providers/provider-registry.ts';
import { createRoutingService } from '../src/routing/routing-service.ts';
import { createRoutingTable } from '../src/routing/routing-table.ts';

const provider = (id) => ({ id, prefix: id, name: id, format: 'openai-chat', baseUrl: 'http://127.0.0.1:1', authType: 'apikey', authHeader: 'bearer', headers: {}, models: [], isLocal: false, source: 'config', createdAt: 0, updatedAt: 0 });
const account = (providerId, name) => ({ id: `${providerId}-${name}`, providerId, name, apiKey: 'k', priority: 0, weight: 1, costFactor: 1, enabled: true, headers: {}, source: 'config', createdAt: 0, updatedAt: 0 });
const registry = createProviderRegistry({ catalog: [], customProviders: ['a', 'b', 'c'].map((id) => provider(id)), connections: [account('a', 'one'), account('a', 'two'), account('b', 'one'), account('c', 'one')] });
const table = createRoutingTable({ combos: [{ name: 'three', strategy: 'priority', entries: ['a/m', 'b/m', 'c/m'].map((model) => ({ model, weight: 1 })), enabled: true, sessionAffinity: undefined, retries: 0, timeoutMs: undefined, maxAttempts: undefined }], aliases: [] });
const routing = createRoutingService({ registry: () => registry, fileSettings: undefined, storedSettings: undefined, table, priceOf: () => undefined });

function serve(model) {
  const attempt = routing.router.plan({ requested: model, sessionKey: () => undefined }).next();
  routing.router.started(attempt);
  routing.router.finished(attempt, {});
}

const ROUNDS = 5;
const N = 200_000;
for (const model of ['a/m', 'three']) {
  for (let i = 0; i < 50_000; i += 1) serve(model);
  const samples = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = process.cpuUsage();
    for (let i = 0; i < N; i += 1) serve(model);
    const used = process.cpuUsage(started);
    samples.push(((used.user + used.system) / N));
  }
  samples.sort((x, y) => x - y);
  console.log(`${model.padEnd(6)} CPU µs per routing decision: median ${samples[Math.floor(ROUNDS / 2)].toFixed(2)} (min ${samples[0].toFixed(2)}, max ${samples[ROUNDS - 1].toFixed(2)})`);
}
