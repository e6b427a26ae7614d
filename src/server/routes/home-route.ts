import type { FastifyInstance } from 'fastify';
import type { GatewayContext } from '../gateway-context.js';

function homePage(version: string, origin: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OmniRoute</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}</style>
</head><body>
<h1>OmniRoute ${version}</h1>
<p>The gateway is running. Point any OpenAI-compatible client at <code>${origin}/v1</code>.</p>
<p>The dashboard is coming in a later release. Until then: <a href="/health">/health</a>, <a href="/v1/models">/v1/models</a>, and the admin API under <code>/api/</code> (see docs/api.md).</p>
</body></html>`;
}

export function registerHomeRoute(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/', async (request, reply) => {
    const origin = `${request.protocol}://${request.host}`;
    reply.header('content-type', 'text/html; charset=utf-8');
    return homePage(ctx.version, origin.replace(/[<>"&]/g, ''));
  });
}
