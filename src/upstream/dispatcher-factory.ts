import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import type { buildConnector as BuildConnector, Dispatcher, ProxyAgent } from 'undici';
import type { TimeoutOptions } from '../config/runtime-options.js';
import { Agent, buildConnector, proxyAgentConstructor } from './undici-core.js';
import { UpstreamBlockedError } from './upstream-blocked-error.js';

/**
 * The one place that builds undici dispatchers. Direct calls share one keep-alive Agent (it keeps
 * a pool per origin); an account with `proxyUrl` gets its own ProxyAgent, created once.
 */
export interface DispatcherFactory {
  forProxy(proxyUrl: string | undefined): Dispatcher;
  close(): Promise<void>;
}

/** Decides, per resolved address, whether a direct connection may be opened (the SSRF guard). */
export interface ConnectPolicy {
  /** An origin the user declared local (a provider marked `local: true`): any address is fine. */
  isTrustedOrigin(hostname: string, port: string): boolean;
  /** Undefined when allowed; otherwise why not. */
  check(hostname: string, address: string): string | undefined;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * A `lookup` for net/tls.connect that resolves as usual and then refuses if ANY address is
 * blocked: checking at connect time, on the addresses actually used, is what defeats DNS
 * rebinding (a name that was public when a provider was saved and resolves to 127.0.0.1 later).
 */
function guardedLookup(policy: ConnectPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, []);
        return;
      }
      for (const { address } of addresses) {
        const reason = policy.check(hostname, address);
        if (reason !== undefined) {
          callback(new UpstreamBlockedError(reason), []);
          return;
        }
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]?.address ?? '', addresses[0]?.family ?? 4);
    });
  };
}

function guardedConnector(policy: ConnectPolicy, timeout: number): BuildConnector.connector {
  const guarded = buildConnector({ timeout, lookup: guardedLookup(policy) } as BuildConnector.BuildOptions);
  const trusted = buildConnector({ timeout });
  return (options, callback) => {
    const host = unbracket(options.hostname);
    const port = options.port || (options.protocol === 'https:' ? '443' : '80');
    if (policy.isTrustedOrigin(host, String(port))) {
      trusted(options, callback);
      return;
    }
    // An IP literal never goes through `lookup`, so it is checked here.
    if (isIP(host) !== 0) {
      const reason = policy.check(host, host);
      if (reason !== undefined) {
        callback(new UpstreamBlockedError(reason), null);
        return;
      }
    }
    guarded(options, callback);
  };
}

/**
 * Redirects are never followed (no `maxRedirections` anywhere): a 3xx from a provider reaches the
 * pipeline as a failed answer, so a redirect cannot walk a request into a private range. Proxy
 * agents are not guarded: the proxy, chosen by the admin, makes the onward connection.
 */
export function createDispatcherFactory(timeouts: TimeoutOptions, policy?: ConnectPolicy): DispatcherFactory {
  const common = {
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: timeouts.firstByteMs,
    bodyTimeout: timeouts.idleMs,
  };
  const direct = new Agent({ ...common, connect: policy ? guardedConnector(policy, timeouts.connectMs) : { timeout: timeouts.connectMs } });
  const proxies = new Map<string, ProxyAgent>();
  return {
    forProxy(proxyUrl) {
      if (!proxyUrl) return direct;
      let agent = proxies.get(proxyUrl);
      if (!agent) {
        const ProxyAgentClass = proxyAgentConstructor();
        agent = new ProxyAgentClass({ uri: proxyUrl, ...common, connect: { timeout: timeouts.connectMs } });
        proxies.set(proxyUrl, agent);
      }
      return agent;
    },
    async close() {
      await Promise.all([direct.close(), ...[...proxies.values()].map((agent) => agent.close())]);
    },
  };
}
