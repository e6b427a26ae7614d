import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { ConnectPolicy } from '../upstream/dispatcher-factory.js';
import { isBlockedUpstreamAddress } from './blocked-address.js';
import type { IpMatcher } from './ip-matcher.js';

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * The SSRF rule, applied by the upstream dispatcher to every address it is about to connect to,
 * after DNS resolution (so a name that later resolves to 127.0.0.1 — DNS rebinding — is caught
 * at connect time). Private addresses are allowed only for hosts of providers the user marked
 * `local: true`, and for ranges listed in `settings.access.allowPrivateUpstreams`.
 */
export function createUpstreamPolicy(input: { registry(): ProviderRegistry; allowPrivate: IpMatcher }): ConnectPolicy {
  let seen: ProviderRegistry | undefined;
  let localHosts = new Set<string>();
  const localHostsOf = (registry: ProviderRegistry): Set<string> => {
    if (registry === seen) return localHosts;
    const hosts = new Set<string>();
    for (const provider of registry.list()) {
      if (!provider.isLocal) continue;
      const host = hostOf(provider.baseUrl);
      if (host) hosts.add(host);
      for (const connection of registry.connectionsOf(provider.id)) {
        const override = hostOf(connection.baseUrl);
        if (override) hosts.add(override);
      }
    }
    seen = registry;
    localHosts = hosts;
    return hosts;
  };
  return {
    check(hostname, address) {
      if (!isBlockedUpstreamAddress(address)) return undefined;
      if (input.allowPrivate.matches(address)) return undefined;
      if (localHostsOf(input.registry()).has(hostname.replace(/^\[|\]$/g, '').toLowerCase())) return undefined;
      return `${hostname} resolves to ${address}, a private, loopback or link-local address. If this is a runtime you trust (Ollama, LM Studio, a LAN server), mark its provider "local: true" or list the range in settings.access.allowPrivateUpstreams.`;
    },
  };
}
