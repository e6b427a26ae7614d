import { parseArgs } from 'node:util';
import { startMockUpstream } from './mock-upstream.js';

// Standalone mock for benchmarks: `npx tsx test/support/mock-upstream-main.ts --port 18000`.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '18000' },
    host: { type: 'string', default: '127.0.0.1' },
    record: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`invalid --port ${values.port}`);
  process.exit(2);
}

// Recording is off by default: a long benchmark would otherwise keep every request in memory.
const mock = await startMockUpstream({ port, host: values.host, recordRequests: values.record });
console.log(`mock upstream listening on ${mock.url}`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  mock.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
