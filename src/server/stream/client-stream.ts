import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { RequestOutcome } from '../request-outcome.js';

/**
 * The response to a streaming client, and its commit point: nothing is sent until the first
 * write, so until then the caller may still fail over (DESIGN.md §6).
 */
export interface ClientStream {
  readonly committed: boolean;
  write(text: string): Promise<void>;
  end(text?: string): void;
}

export function createClientStream(input: { reply: FastifyReply; contentType: string; headers: Record<string, string>; outcome: RequestOutcome }): ClientStream {
  const res = input.reply.raw;
  let committed = false;
  const commit = () => {
    input.reply.hijack();
    res.writeHead(200, {
      'content-type': input.contentType,
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      // Tells nginx-style proxies not to buffer the stream.
      'x-accel-buffering': 'no',
      ...input.headers,
    });
    committed = true;
    input.outcome.firstByteHr = performance.now();
  };
  return {
    get committed() {
      return committed;
    },
    async write(text) {
      if (!text) return;
      if (!committed) commit();
      if (!res.write(text)) await drained(res);
    },
    end(text) {
      if (!committed) commit();
      res.end(text);
    },
  };
}

/** Resolves on 'drain'; rejects if the response closes first (the client left: no drain will come). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      res.off('drain', onDrain);
      reject(new Error('the client closed the connection'));
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
