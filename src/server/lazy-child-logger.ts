import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

type AnyLogFn = (...args: unknown[]) => void;

/**
 * Fastify gives every request a child logger carrying its id, and pino's `child()` was a visible
 * share of a request's CPU although almost no request logs anything (access logs are off; the
 * request log is the record). This stand-in builds the real child the first time it is used, so
 * a request that logs gets exactly the line it always did.
 */
class LazyChildLogger implements FastifyBaseLogger {
  #real: FastifyBaseLogger | undefined;
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Bindings;
  readonly #options: ChildLoggerOptions;

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  #child(): FastifyBaseLogger {
    this.#real ??= this.#parent.child(this.#bindings, this.#options);
    return this.#real;
  }

  get level(): string {
    return this.#real?.level ?? this.#options.level ?? this.#parent.level;
  }

  set level(level: string) {
    this.#child().level = level;
  }

  fatal(...args: unknown[]): void {
    (this.#child().fatal as AnyLogFn)(...args);
  }
  error(...args: unknown[]): void {
    (this.#child().error as AnyLogFn)(...args);
  }
  warn(...args: unknown[]): void {
    (this.#child().warn as AnyLogFn)(...args);
  }
  info(...args: unknown[]): void {
    (this.#child().info as AnyLogFn)(...args);
  }
  debug(...args: unknown[]): void {
    (this.#child().debug as AnyLogFn)(...args);
  }
  trace(...args: unknown[]): void {
    (this.#child().trace as AnyLogFn)(...args);
  }
  silent(...args: unknown[]): void {
    (this.#child().silent as AnyLogFn)(...args);
  }
  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#child().child(bindings, options);
  }
}

/** A Fastify `childLoggerFactory`. */
export function lazyChildLogger(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new LazyChildLogger(parent, bindings, options);
}
