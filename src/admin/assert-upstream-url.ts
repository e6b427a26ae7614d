import { checkUpstreamUrl } from '../access/check-upstream-url.js';
import { invalidRequest } from '../errors/gateway-error.js';
import type { GatewayContext } from '../server/gateway-context.js';

/** The SSRF check for a base URL typed into the admin API: 400 naming the field. */
export async function assertUpstreamUrl(ctx: GatewayContext, url: string, local: boolean, field: string): Promise<void> {
  const problem = await checkUpstreamUrl(url, { local, policy: ctx.access.upstreamPolicy });
  if (problem !== undefined) throw invalidRequest(problem, field);
}
