import { fixtureReplay } from './fixture-replay.js';
import type { MockExchange } from './mock-exchange.js';
import { JSON_HEADERS, SSE_HEADERS, type MockReply } from './mock-reply.js';
import type { MockSseStep, MockStatusStep, MockStep } from './mock-step.js';
import { pause, writeChunk, writeReply } from './write-reply.js';

function statusReply(step: MockStatusStep): MockReply {
  const body = step.body === undefined ? '' : typeof step.body === 'string' ? step.body : JSON.stringify(step.body);
  return { status: step.status, headers: { ...JSON_HEADERS, ...step.headers }, chunks: [body], streamed: false };
}

function cut(exchange: MockExchange): void {
  exchange.intentionalClose = true;
  exchange.res.socket?.destroy();
}

async function runSse(exchange: MockExchange, step: MockSseStep): Promise<void> {
  const { res } = exchange;
  res.writeHead(step.status ?? 200, { ...SSE_HEADERS, ...step.headers });
  // Headers go out even when no event follows, so cut/stall happen after a committed 200.
  res.flushHeaders();
  for (const event of step.events) {
    if (step.eventDelayMs && !(await pause(step.eventDelayMs, exchange.signal))) return;
    if (exchange.closed) return;
    await writeChunk(res, event);
  }
  if (exchange.closed) return;
  const then = step.then ?? 'end';
  if (then === 'end') res.end();
  else if (then === 'cut') cut(exchange);
  // 'stall': leave the response open; close() or the client releases it.
}

/** Answers one request as the step says. */
export async function runStep(exchange: MockExchange, step: MockStep): Promise<void> {
  switch (step.kind) {
    case 'fixture':
      return writeReply(exchange, fixtureReplay(step.format, step.name).reply, step);
    case 'status':
      return writeReply(exchange, statusReply(step));
    case 'sse':
      return runSse(exchange, step);
    case 'reset':
      exchange.intentionalClose = true;
      // RST rather than FIN: the client sees ECONNRESET, as with a dropped upstream connection.
      exchange.req.socket.resetAndDestroy();
      return;
    case 'stall':
      return;
    case 'delay':
      if (await pause(step.ms, exchange.signal)) await runStep(exchange, step.then);
      return;
    case 'handler':
      await step.handle(exchange.recorded, exchange.res);
      return;
  }
}
