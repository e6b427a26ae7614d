import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface WorkerLocation {
  url: URL;
  /** Undefined: the worker inherits the main thread's `process.execArgv`. */
  execArgv?: string[];
}

/**
 * The worker file sits next to this module: `.js` in `dist/`, `.ts` when the sources run under
 * tsx or vitest. A worker does not inherit vitest's transform, so for `.ts` sources it loads tsx
 * itself (a dev dependency, never needed from `dist/`). When tsx already is in execArgv (`tsx src/…`),
 * the inherited flags are enough.
 */
export function requestLogWorkerLocation(moduleUrl: string = import.meta.url): WorkerLocation {
  if (!moduleUrl.endsWith('.ts')) return { url: new URL('./request-log-worker.js', moduleUrl) };
  const url = new URL('./request-log-worker.ts', moduleUrl);
  if (process.execArgv.some((argument) => argument.includes('tsx'))) return { url };
  const tsxLoader = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href;
  return { url, execArgv: ['--import', tsxLoader] };
}
