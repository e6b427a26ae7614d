import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { VerifyAdminKey } from '../access/auth-context.js';
import { createAuthContext } from '../access/create-auth-context.js';
import { applyConfigFile } from '../config/apply-config-file.js';
import type { ConfigFile, SettingsInput } from '../config/config-file-schema.js';
import { loadConfigFile } from '../config/load-config-file.js';
import { resolveBootPaths, resolveRuntimeOptions, type CliFlags, type RuntimeOptions } from '../config/runtime-options.js';
import { createLogger } from '../observability/create-logger.js';
import { loadCatalog } from '../providers/catalog/load-catalog.js';
import { createModelDiscovery } from '../providers/model-discovery.js';
import { createProviderRegistry, type ProviderRegistry } from '../providers/provider-registry.js';
import { standardAdapter } from '../providers/standard-adapter.js';
import { createApp } from '../server/create-app.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { openDatabase, type DatabaseTarget } from '../store/database.js';
import { loadOrCreateMasterKey } from '../store/master-key.js';
import { createConnectionRepository } from '../store/repositories/connection-repository.js';
import { createProviderRepository } from '../store/repositories/provider-repository.js';
import { createRequestLogRepository } from '../store/repositories/request-log-repository.js';
import { createSettingsRepository } from '../store/repositories/settings-repository.js';
import { createSecretBox } from '../store/secret-box.js';
import { createDispatcherFactory } from '../upstream/dispatcher-factory.js';
import { createRequestLogSink } from '../usage/create-request-log-sink.js';
import { createRequestLogWriter } from '../usage/request-log-writer.js';
import { VERSION } from './version.js';

export interface RunningGateway {
  app: FastifyInstance;
  ctx: GatewayContext;
  options: RuntimeOptions;
  /** `http://host:port` as bound. */
  url: string;
  /** Drain in-flight requests (bounded by shutdownGraceMs), flush logs, close the store. */
  close(): Promise<void>;
}

/** Settings changed through the admin API live under this key. */
export const STORED_SETTINGS_KEY = 'gateway';

function databaseTarget(dataDir: string, env: NodeJS.ProcessEnv): DatabaseTarget {
  const url = env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  return { kind: 'sqlite', file: join(dataDir, 'omniroute.db') };
}

/**
 * Boot, in dependency order. This is the only place that wires singletons; everything below it
 * receives what it needs through `GatewayContext`.
 */
export async function startGateway(input: {
  flags: CliFlags;
  env: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Clock for sessions and the audit log (tests move it forward). */
  now?: () => number;
  /** Admin-scoped API key check for /api; default: no key is accepted. */
  verifyAdminKey?: VerifyAdminKey;
}): Promise<RunningGateway> {
  const startedAt = Date.now();
  const { flags, env } = input;
  const paths = resolveBootPaths(flags, env);
  const config: ConfigFile = paths.configFile ? await loadConfigFile(paths.configFile, env) : {};

  await mkdir(paths.dataDir, { recursive: true, mode: 0o700 });
  const target = databaseTarget(paths.dataDir, env);
  const database = await openDatabase(target);
  const settingsRepository = createSettingsRepository(database);
  const storedSettings = (await settingsRepository.get<SettingsInput>(STORED_SETTINGS_KEY)) ?? undefined;
  const options = resolveRuntimeOptions({ flags, env, fileSettings: config.settings, storedSettings });
  const logger = input.logger ?? createLogger(options.logLevel);

  const secretBox = createSecretBox(loadOrCreateMasterKey(paths.dataDir, env, (message) => logger.warn(message)));
  const store = {
    providers: createProviderRepository(database),
    connections: createConnectionRepository(database, secretBox),
    settings: settingsRepository,
    requestLogs: createRequestLogRepository(database),
  };

  const auth = await createAuthContext({
    database,
    options: options.auth,
    initialPassword: env.INITIAL_PASSWORD,
    logger,
    ...(input.now ? { now: input.now } : {}),
    ...(input.verifyAdminKey ? { verifyAdminKey: input.verifyAdminKey } : {}),
  }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });

  const catalog = loadCatalog();
  const buildRegistry = async (): Promise<ProviderRegistry> =>
    createProviderRegistry({ catalog, customProviders: await store.providers.list(), connections: await store.connections.list() });

  if (paths.configFile) {
    const applied = await applyConfigFile({ config, file: paths.configFile, store, buildRegistry });
    logger.info({ file: paths.configFile, ...applied }, 'config file applied');
  }
  let registry = await buildRegistry();

  const dispatchers = createDispatcherFactory(options.timeouts);
  const requestLogSink = createRequestLogSink({
    target,
    repository: store.requestLogs,
    onWorkerFailure: (error) => logger.error({ err: error }, 'request-log worker failed; writing request logs on the main thread'),
  });
  const requestLog = createRequestLogWriter({
    insertMany: (rows) => requestLogSink.insertMany(rows),
    flushIntervalMs: options.requestLogFlushMs,
    onError: (error, dropped) => logger.error({ err: error, dropped }, 'writing request logs failed; will retry'),
  });
  const adapterFor = () => standardAdapter;

  const ctx: GatewayContext = {
    options,
    version: VERSION,
    startedAt,
    logger,
    registry: () => registry,
    reloadRegistry: async () => {
      registry = await buildRegistry();
    },
    adapterFor,
    dispatchers,
    modelDiscovery: createModelDiscovery({ adapterFor, dispatcher: () => dispatchers.forProxy(undefined) }),
    requestLog,
    store,
    auth,
    lifecycle: { shuttingDown: false },
  };

  const app = await createApp(ctx);
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await requestLog.close();
    await requestLogSink.close();
    await database.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`Port ${options.port} on ${options.host} is already in use. Start with --port <another port>, or stop the other process.`);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      ctx.lifecycle.shuttingDown = true;
      // Bounded drain: after the grace period, connections still open are cut.
      const force = setTimeout(() => app.server.closeAllConnections(), options.shutdownGraceMs);
      force.unref();
      try {
        await app.close();
      } finally {
        clearTimeout(force);
        await requestLog.close();
        await requestLogSink.close();
        await dispatchers.close();
        await database.close();
      }
    })();
    return closing;
  };

  return { app, ctx, options: { ...options, port }, url: `http://${shownHost}:${port}`, close };
}
