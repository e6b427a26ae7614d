import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { ConnectPolicy } from '../upstream/dispatcher-factory.js';
import { isBlockedUpstreamAddress } from './blocked-address.js';
import type { IpMatcher } from './ip-matcher.js';

/** `host:port` with the scheme's default port filled in, brackets of IPv6 literals removed. */
export function originKey(hostname: string, port: string): string {
  return `${hostname.replace(/^\[|\]$/g, '').toLowerCase()}:${port}`;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return originKey(parsed.hostname, parsed.port || (parsed.protocol === 'https:' ? '443' : '80'));
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
  let localOrigins = new Set<string>();
  const localOriginsOf = (registry: ProviderRegistry): Set<string> => {
    if (registry === seen) return localOrigins;
    const origins = new Set<string>();
    for (const provider of registry.list()) {
      if (!provider.isLocal) continue;
      const origin = originOf(provider.baseUrl);
      if (origin) origins.add(origin);
      for (const connection of registry.connectionsOf(provider.id)) {
        const override = originOf(connection.baseUrl);
        if (override) origins.add(override);
      }
    }
    seen = registry;
    localOrigins = origins;
    return origins;
  };
  return {
    isTrustedOrigin(hostname, port) {
      return localOriginsOf(input.registry()).has(originKey(hostname, port));
    },
    check(hostname, address) {
      if (!isBlockedUpstreamAddress(address)) return undefined;
      if (input.allowPrivate.matches(address)) return undefined;
      return `${hostname} resolves to ${address}, a private, loopback or link-local address. If this is a runtime you trust (Ollama, LM Studio, a LAN server), mark its provider "local: true" or list the range in settings.access.allowPrivateUpstreams.`;
    },
  };
}
