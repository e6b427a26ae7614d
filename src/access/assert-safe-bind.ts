import { isIP } from 'node:net';
import { isLoopbackAddress } from './is-loopback-address.js';

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  return isIP(bare) !== 0 && isLoopbackAddress(bare);
}

/**
 * Secure by default (DESIGN.md §3): a gateway reachable from other machines must not serve
 * anyone who finds it. Refuses a non-loopback bind unless keys are required or at least one
 * client key exists (then every non-loopback client needs one).
 */
export function assertSafeBind(input: { host: string; requireApiKey: boolean; activeKeys: number }): void {
  if (isLoopbackHost(input.host) || input.requireApiKey || input.activeKeys > 0) return;
  throw new Error(
    [
      `Refusing to listen on ${input.host}: it is reachable from other machines and no client API key is configured, so anyone who can reach it could spend your provider credits.`,
      'Fix it with one of:',
      '  - add a key to the config file:   apiKeys: [{ name: laptop, key: "${OMNIROUTE_KEY}" }]',
      '  - or create one while bound to 127.0.0.1:   POST /api/keys {"name":"laptop"}   then restart with --host',
      '  - or set REQUIRE_API_KEY=true (every client then needs a key)',
      '  - or bind to this machine only:   --host 127.0.0.1',
    ].join('\n'),
  );
}
