import { createRequire } from 'node:module';
import type * as Undici from 'undici';

/*
 * undici's index loads everything it ships (fetch, WebSocket, the mock agents, the cache stores,
 * a SQLite cache): ~3.5 MB of heap and ~6 MB of RSS the gateway never uses. These are the only
 * parts it uses, loaded from their own files. undici 7 has no `exports` map, so the paths are
 * public in practice; a test pins the classes to the index's, so an upgrade that moves a file
 * fails loudly instead of at run time.
 */
const require = createRequire(import.meta.url);

type RequestOptions = Undici.Dispatcher.RequestOptions;
type ResponseData = Undici.Dispatcher.ResponseData;
type RequestFn = (this: Undici.Dispatcher, options: RequestOptions) => Promise<ResponseData>;

export const Agent = require('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;
export const undiciErrors = require('undici/lib/core/errors.js') as typeof Undici.errors;
export const buildConnector = require('undici/lib/core/connect.js') as typeof Undici.buildConnector;
const requestOnDispatcher = require('undici/lib/api/api-request.js') as RequestFn;

let proxyAgentClass: typeof Undici.ProxyAgent | undefined;

/**
 * Loaded on first use: most installs never configure an HTTP proxy. Through the index, because
 * ProxyAgent tunnels with `client.connect()`, a method only the index attaches to dispatchers.
 */
export function proxyAgentConstructor(): typeof Undici.ProxyAgent {
  proxyAgentClass ??= (require('undici') as typeof Undici).ProxyAgent;
  return proxyAgentClass;
}

/**
 * `undici.request(url, options)` without its per-call URL parsing: the dispatcher's own request
 * API, given origin and path directly. `dispatcher.request` would do the same, but that method is
 * only attached to the prototype by undici's index.
 */
export function dispatchRequest(dispatcher: Undici.Dispatcher, options: RequestOptions): Promise<ResponseData> {
  return requestOnDispatcher.call(dispatcher, options);
}
