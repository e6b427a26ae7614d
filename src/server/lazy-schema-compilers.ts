import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type ValidatorFactory = NonNullable<CompilersFactory['buildValidator']>;
type SerializerFactory = NonNullable<CompilersFactory['buildSerializer']>;

// Resolved from fastify's own location: these are its dependencies, not ours.
const requireFromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));

/**
 * Fastify's default schema compilers, loaded the first time a route declares a JSON schema.
 * Fastify requires them (ajv, fast-json-stringify and theirs: ~110 modules, ~1.2 MB of heap) when
 * the instance is created, although the gateway validates with zod and declares no route schema.
 * One difference from passing nothing: Fastify treats these as custom compilers, so a route's
 * `headers` schema would not have its keys lower-cased for it; declare such keys in lower case.
 */
type AnyFactory = (...args: unknown[]) => unknown;

/** Fastify calls the selector once per instance and keeps the factory (it pools compilers); so does this. */
function loadedOnFirstCall(moduleId: string): AnyFactory {
  let factory: AnyFactory | undefined;
  return (...args) => {
    factory ??= (requireFromFastify(moduleId) as () => AnyFactory)();
    return factory(...args);
  };
}

export const lazySchemaCompilers: CompilersFactory = {
  buildValidator: loadedOnFirstCall('@fastify/ajv-compiler') as unknown as ValidatorFactory,
  buildSerializer: loadedOnFirstCall('@fastify/fast-json-stringify-compiler') as unknown as SerializerFactory,
};
