import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { PAGE_CSP } from '../../access/security-headers.js';
import type { GatewayContext } from '../gateway-context.js';

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}';
/** The page's one inline style is allowed by its hash, not by 'unsafe-inline'. */
const CSP = `${PAGE_CSP}; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

function homePage(version: string, origin: string, passwordSet: boolean): string {
  const login = passwordSet
    ? '<p>The admin API needs a session: <code>POST /api/auth/login</code> with <code>{"password": "…"}</code> (see docs/api.md).</p>'
    : '<p><strong>No admin password is set yet.</strong> Set one from this machine with <code>POST /api/auth/setup</code> and <code>{"password": "…"}</code>, or restart with <code>INITIAL_PASSWORD=…</code>.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OmniRoute</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style>
</head><body>
<h1>OmniRoute ${version}</h1>
<p>The gateway is running. Point any OpenAI-compatible client at <code>${origin}/v1</code>.</p>
<p>The dashboard is coming in a later release. Until then: <a href="/health">/health</a>, <a href="/v1/models">/v1/models</a>, and the admin API under <code>/api/</code> (see docs/api.md).</p>
${login}
</body></html>`;
}

export function registerHomeRoute(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/', async (request, reply) => {
    const origin = `${request.protocol}://${request.host}`;
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.header('content-security-policy', CSP);
    return homePage(ctx.version, origin.replace(/[<>"&]/g, ''), await ctx.auth.admin.passwordIsSet());
  });
}
