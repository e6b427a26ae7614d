import type { FastifyInstance, RouteOptions } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
}

export interface RouteTable {
  entries(): RouteEntry[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, one entry per method (HEAD included), in registration order. */
    routeTable: RouteTable;
  }
}

/** Must run before any route is added: onRoute hooks see only routes registered after them. */
export function collectRouteTable(app: FastifyInstance): void {
  const entries: RouteEntry[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) entries.push({ method, url: route.url });
  });
  app.decorate('routeTable', { entries: () => [...entries] });
}
