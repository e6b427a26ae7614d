import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { ConnectPolicy } from '../upstream/dispatcher-factory.js';

const LOOKUP_TIMEOUT_MS = 2_000;

/**
 * Early, friendly version of the connect-time SSRF guard, for base URLs entered through the admin
 * API or the config file: resolves the host now and says what is wrong before anything is saved.
 * A name that does not resolve (offline laptop, typo) is let through; the guard in the dispatcher
 * checks every real connection anyway. Returns a problem description, or undefined when fine.
 */
export async function checkUpstreamUrl(url: string, input: { local: boolean; policy: ConnectPolicy }): Promise<string | undefined> {
  if (input.local) return undefined;
  let host: string;
  let port: string;
  try {
    const parsed = new URL(url);
    host = parsed.hostname.replace(/^\[|\]$/g, '');
    port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  } catch {
    return `${url} is not a valid URL`;
  }
  if (input.policy.isTrustedOrigin(host, port)) return undefined;
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      const timeout = new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('timeout')), LOOKUP_TIMEOUT_MS).unref());
      addresses = (await Promise.race([lookup(host, { all: true }), timeout])).map((entry) => entry.address);
    } catch {
      return undefined;
    }
  }
  for (const address of addresses) {
    const problem = input.policy.check(host, address);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
