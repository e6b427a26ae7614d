import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { buildModelCatalog, defaultReply, type ModelCatalog } from './default-reply.js';
import { FixtureReplayIndex } from './fixture-replay.js';
import { MockExchange } from './mock-exchange.js';
import { routeRequest } from './mock-route.js';
import type { MockStep, RecordedRequest } from './mock-step.js';
import { runStep } from './run-step.js';
import { writeReply } from './write-reply.js';

export type { MockStep, RecordedRequest } from './mock-step.js';

export interface MockUpstreamOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Keep every request in `requests` (default true); benchmarks turn it off to keep memory flat. */
  recordRequests?: boolean;
}

export interface MockUpstream {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash, no path). */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Responses whose connection closed before the mock finished them, not counting closes the mock caused. */
  readonly abortedRequests: number;
  /** Queue steps; each answers one request, first in first out, whatever its path. */
  enqueue(...steps: MockStep[]): void;
  /** Steps not yet used. */
  pendingSteps(): number;
  /** Clears the queue, the recorded requests and the aborted count. */
  reset(): void;
  /** Open TCP connections to the mock. */
  activeConnections(): number;
  /** Requests received whose response has not closed yet. */
  activeRequests(): number;
  /** Resolves once `predicate` holds, re-checked whenever a request arrives or a response closes. */
  waitFor(predicate: () => boolean): Promise<void>;
  waitForRequests(count: number): Promise<void>;
  waitForAborted(count: number): Promise<void>;
  /** Stops listening and destroys every open connection (releasing stalls). */
  close(): Promise<void>;
}

// Loaded once per process: replays and model lists are then pure map reads per request.
let sharedIndex: FixtureReplayIndex | undefined;
let sharedCatalog: ModelCatalog | undefined;

function parseJson(body: string): unknown {
  const first = body.charCodeAt(0);
  // Only `{` or `[` can start a request body worth parsing; skip the throw for anything else.
  if (first !== 0x7b && first !== 0x5b) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  sharedIndex ??= new FixtureReplayIndex();
  sharedCatalog ??= buildModelCatalog(sharedIndex);
  const index = sharedIndex;
  const catalog = sharedCatalog;
  const record = options.recordRequests ?? true;

  const queue: MockStep[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const waiters = new Set<{ predicate: () => boolean; resolve: () => void }>();
  let inFlight = 0;
  let aborted = 0;
  let serial = 0;
  let closing = false;

  const notify = (): void => {
    for (const waiter of waiters) {
      if (waiter.predicate()) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };

  const respond = async (exchange: MockExchange): Promise<void> => {
    const step = queue.shift();
    if (step) return runStep(exchange, step);
    const route = routeRequest(exchange.recorded.method, exchange.recorded.path);
    serial += 1;
    return writeReply(exchange, defaultReply(route, exchange.recorded, { index, catalog, serial }));
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const exchange = new MockExchange(req, res, {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: '',
      receivedAt: 0,
    });
    let finished = false;
    inFlight += 1;
    res.on('finish', () => {
      finished = true;
    });
    res.on('close', () => {
      inFlight -= 1;
      if (!finished && !exchange.intentionalClose && !closing) aborted += 1;
      exchange.markClosed();
      notify();
    });

    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = chunks.length === 1 ? (chunks[0]?.toString('utf8') ?? '') : Buffer.concat(chunks).toString('utf8');
      const recorded = exchange.recorded;
      recorded.body = body;
      recorded.receivedAt = Date.now();
      const json = parseJson(body);
      if (json !== undefined) recorded.json = json;
      if (record) requests.push(recorded);
      notify();
      respond(exchange).catch((error: unknown) => {
        if (res.headersSent) {
          exchange.intentionalClose = true;
          res.destroy();
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `mock upstream failed: ${message}`, type: 'mock_error' } }));
      });
    });
  };

  const server = createServer({ keepAliveTimeout: 30_000 }, handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      notify();
    });
  });

  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  const waitFor = (predicate: () => boolean): Promise<void> => {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve) => waiters.add({ predicate, resolve }));
  };

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    requests,
    get abortedRequests() {
      return aborted;
    },
    enqueue: (...steps) => {
      queue.push(...steps);
    },
    pendingSteps: () => queue.length,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      aborted = 0;
    },
    activeConnections: () => sockets.size,
    activeRequests: () => inFlight,
    waitFor,
    waitForRequests: (count) => waitFor(() => requests.length >= count),
    waitForAborted: (count) => waitFor(() => aborted >= count),
    close: async () => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
