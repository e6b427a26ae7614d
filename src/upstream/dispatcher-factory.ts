import type { Dispatcher, ProxyAgent } from 'undici';
import type { TimeoutOptions } from '../config/runtime-options.js';
import { Agent, proxyAgentConstructor } from './undici-core.js';

/**
 * The one place that builds undici dispatchers. Direct calls share one keep-alive Agent (it keeps
 * a pool per origin); an account with `proxyUrl` gets its own ProxyAgent, created once.
 */
export interface DispatcherFactory {
  forProxy(proxyUrl: string | undefined): Dispatcher;
  close(): Promise<void>;
}

export function createDispatcherFactory(timeouts: TimeoutOptions): DispatcherFactory {
  const common = {
    connect: { timeout: timeouts.connectMs },
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: timeouts.firstByteMs,
    bodyTimeout: timeouts.idleMs,
  };
  const direct = new Agent(common);
  const proxies = new Map<string, ProxyAgent>();
  return {
    forProxy(proxyUrl) {
      if (!proxyUrl) return direct;
      let agent = proxies.get(proxyUrl);
      if (!agent) {
        const ProxyAgentClass = proxyAgentConstructor();
        agent = new ProxyAgentClass({ uri: proxyUrl, ...common });
        proxies.set(proxyUrl, agent);
      }
      return agent;
    },
    async close() {
      await Promise.all([direct.close(), ...[...proxies.values()].map((agent) => agent.close())]);
    },
  };
}
