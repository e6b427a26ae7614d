import { Writable } from 'node:stream';
import Fastify, { LogController } from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { lazyChildLogger } from './lazy-child-logger.js';

function capture(level: 'info' | 'debug' = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: pino({ level, base: undefined }, destination), lines };
}

describe('lazyChildLogger', () => {
  it('writes what a pino child would: the bindings on every line, from the first call on', () => {
    const { logger, lines } = capture();
    const child = lazyChildLogger(logger, { reqId: 'req-1' }, {});
    child.info({ extra: 1 }, 'hello');
    child.error('failed');
    child.debug('below the level');
    expect(lines).toMatchObject([
      { reqId: 'req-1', extra: 1, msg: 'hello', level: 30 },
      { reqId: 'req-1', msg: 'failed', level: 50 },
    ]);
    expect(lines).toHaveLength(2);
  });

  it('reports and changes the level like a child, and builds grandchildren with both bindings', () => {
    const { logger, lines } = capture();
    const child = lazyChildLogger(logger, { reqId: 'req-2' }, {});
    expect(child.level).toBe('info');
    child.level = 'debug';
    child.debug('now visible');
    child.child({ step: 'upstream' }).info('nested');
    expect(lines).toMatchObject([
      { reqId: 'req-2', msg: 'now visible' },
      { reqId: 'req-2', step: 'upstream', msg: 'nested' },
    ]);
    expect(logger.level).toBe('info');
  });

  it('honours a level given in the child options', () => {
    const { logger } = capture();
    expect(lazyChildLogger(logger, { reqId: 'x' }, { level: 'warn' }).level).toBe('warn');
  });

  it('gives Fastify request loggers that carry the request id', async () => {
    const { logger, lines } = capture();
    const app = Fastify({ loggerInstance: logger, logController: new LogController({ disableRequestLogging: true }), childLoggerFactory: lazyChildLogger, genReqId: () => 'req-fastify' });
    app.get('/', (request) => {
      request.log.warn('inside the handler');
      return { ok: true };
    });
    const response = await app.inject({ method: 'GET', url: '/' });
    await app.close();
    expect(response.json()).toEqual({ ok: true });
    expect(lines).toContainEqual(expect.objectContaining({ reqId: 'req-fastify', msg: 'inside the handler' }));
  });
});
