import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazySchemaCompilers } from './lazy-schema-compilers.js';

describe('lazySchemaCompilers', () => {
  it('still validates bodies and serialises responses of routes that declare schemas', async () => {
    const app = Fastify({ schemaController: { compilersFactory: lazySchemaCompilers } });
    app.post(
      '/things',
      {
        schema: {
          body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
          response: { 200: { type: 'object', properties: { name: { type: 'string' } } } },
        },
      },
      (request) => ({ name: (request.body as { name: string }).name, secret: 'not in the response schema' }),
    );
    const ok = await app.inject({ method: 'POST', url: '/things', payload: { name: 'a' } });
    const bad = await app.inject({ method: 'POST', url: '/things', payload: { other: 1 } });
    await app.close();
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ name: 'a' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ message: expect.stringContaining('name') });
  });
});
