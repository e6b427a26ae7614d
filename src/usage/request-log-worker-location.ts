import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** What `new Worker(entry, { eval })` starts. */
export interface WorkerLocation {
  entry: URL | string;
  /** `entry` is CommonJS source, not a file. */
  eval?: boolean;
}

/**
 * The worker file sits next to this module: `.js` in `dist/`, `.ts` when the sources run under
 * tsx or vitest. A worker inherits neither vitest's transform nor, on Node 20, loader hooks given
 * with `--import` in its execArgv, so for `.ts` sources a CommonJS bootstrap registers tsx's
 * require hook (a dev dependency, never needed from `dist/`) and loads the worker through it.
 */
export function requestLogWorkerLocation(moduleUrl: string = import.meta.url): WorkerLocation {
  if (!moduleUrl.endsWith('.ts')) return { entry: new URL('./request-log-worker.js', moduleUrl) };
  const workerFile = fileURLToPath(new URL('./request-log-worker.ts', moduleUrl));
  const tsxApi = createRequire(moduleUrl).resolve('tsx/cjs/api');
  return {
    entry: `require(${JSON.stringify(tsxApi)}).register(); require(${JSON.stringify(workerFile)});`,
    eval: true,
  };
}
