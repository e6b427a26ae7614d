import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { assertSafeBind } from '../access/assert-safe-bind.js';
import { checkUpstreamUrl } from '../access/check-upstream-url.js';
import { createAccessControl } from '../access/create-access-control.js';
import type { VerifyAdminKey } from '../access/auth-context.js';
import { createAuthContext } from '../access/create-auth-context.js';
import { applyConfigFile } from '../config/apply-config-file.js';
import type { ConfigFile, SettingsInput } from '../config/config-file-schema.js';
import { loadConfigFile } from '../config/load-config-file.js';
import { resolveBootPaths, resolveRuntimeOptions, type CliFlags, type RuntimeOptions } from '../config/runtime-options.js';
import { createConsoleLogBuffer } from '../observability/console-log-buffer.js';
import { createGatewayLogger, logDirectory } from '../observability/create-logger.js';
import { createObservability } from '../observability/create-observability.js';
import { loadCatalog } from '../providers/catalog/load-catalog.js';
import { createModelDiscovery } from '../providers/model-discovery.js';
import { createProviderRegistry, type ProviderRegistry } from '../providers/provider-registry.js';
import { standardAdapter } from '../providers/standard-adapter.js';
import { createApp } from '../server/create-app.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { openDatabase, type DatabaseTarget } from '../store/database.js';
import { loadOrCreateMasterKey } from '../store/master-key.js';
import { createApiKeyRepository } from '../store/repositories/api-key-repository.js';
import { createConnectionRepository } from '../store/repositories/connection-repository.js';
import { createProviderRepository } from '../store/repositories/provider-repository.js';
import { createRequestLogRepository } from '../store/repositories/request-log-repository.js';
import { createSettingsRepository, STORED_SETTINGS_KEY } from '../store/repositories/settings-repository.js';
import { createSecretBox } from '../store/secret-box.js';
import { createDispatcherFactory } from '../upstream/dispatcher-factory.js';
import { routingTableOf } from '../routing/routing-records.js';
import { createRoutingService } from '../routing/routing-service.js';
import { createAliasRepository } from '../store/repositories/alias-repository.js';
import { createComboRepository } from '../store/repositories/combo-repository.js';
import { createRequestLogSink } from '../usage/create-request-log-sink.js';
import { createRequestLogWriter, type RequestLogWriter } from '../usage/request-log-writer.js';
import { createPriceRepository } from '../store/repositories/price-repository.js';
import { createSpendRepository } from '../store/repositories/spend-repository.js';
import { createUsageAccountingFromStore } from '../usage/create-usage-accounting-from-store.js';
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


export function databaseTarget(dataDir: string, env: NodeJS.ProcessEnv): DatabaseTarget {
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
  /** Tests make routing deterministic with their own clock and random source. */
  routing?: { clock?: () => number; random?: () => number };
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
  const consoleLogs = createConsoleLogBuffer(options.logging.consoleBufferLines);
  const logFile = options.logging.file ? { directory: logDirectory(paths.dataDir), ...options.logging.file } : undefined;
  // Tests pass their own (silent) logger; then nothing is written to DATA_DIR/logs.
  const gatewayLogger = input.logger ? undefined : createGatewayLogger({ level: options.logLevel, buffer: consoleLogs, ...(logFile ? { file: logFile } : {}) });
  const logger = input.logger ?? gatewayLogger!.logger;

  const secretBox = createSecretBox(loadOrCreateMasterKey(paths.dataDir, env, (message) => logger.warn(message)));
  const store = {
    providers: createProviderRepository(database),
    connections: createConnectionRepository(database, secretBox),
    settings: settingsRepository,
    requestLogs: createRequestLogRepository(database),
    combos: createComboRepository(database),
    aliases: createAliasRepository(database),
    apiKeys: createApiKeyRepository(database),
  };

  const auth = await createAuthContext({
    database,
    options: options.auth,
    initialPassword: env.INITIAL_PASSWORD,
    trustedProxies: options.access.trustedProxies,
    logger,
    ...(input.now ? { now: input.now } : {}),
    // Admin-scoped client API keys open /api too; the key index is built a few lines below.
    verifyAdminKey: input.verifyAdminKey ?? ((presented) => access.verifyAdminKey(presented) ?? false),
  }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });

  const catalog = loadCatalog();
  const buildRegistry = async (): Promise<ProviderRegistry> =>
    createProviderRegistry({ catalog, customProviders: await store.providers.list(), connections: await store.connections.list() });

  let registry = await buildRegistry();
  const access = createAccessControl({ options: options.access, apiKeys: store.apiKeys, registry: () => registry, logger });
  try {
    if (paths.configFile) {
      const checkUrl = (url: string, local: boolean) => checkUpstreamUrl(url, { local, policy: access.upstreamPolicy });
      const applied = await applyConfigFile({ config, file: paths.configFile, store, buildRegistry, checkUrl });
      logger.info({ file: paths.configFile, ...applied }, 'config file applied');
      registry = await buildRegistry();
    }
    await access.keys.refresh();
    assertSafeBind({ host: options.host, requireApiKey: options.access.requireApiKey, activeKeys: access.keys.activeCount(Date.now()) });
  } catch (error) {
    access.close();
    await database.close();
    throw error;
  }
  // usage: pricing, budgets and quotas (issue #6 part 1)
  const usage = await createUsageAccountingFromStore({
    config,
    store: { prices: createPriceRepository(database), spend: createSpendRepository(database), connections: store.connections },
    logger,
    budgetSource: { apiKeys: () => store.apiKeys.list() },
  });
  const buildRoutingTable = async () => routingTableOf(await store.combos.list(), await store.aliases.list());
  const routing = createRoutingService({
    registry: () => registry,
    fileSettings: config.settings?.routing,
    storedSettings: storedSettings?.routing,
    table: await buildRoutingTable(),
    ...input.routing,
    // Ranks targets for cost-optimized: input + output list price per million tokens.
    priceOf: (provider, model) => {
      const price = usage.pricing.priceOf(provider, model);
      return price ? price.input + price.output : undefined;
    },
    exhaustedUntil: usage.quotas.exhaustedUntil,
  });

  const dispatchers = createDispatcherFactory(options.timeouts, access.upstreamPolicy);
  const requestLogSink = createRequestLogSink({
    target,
    repository: store.requestLogs,
    onWorkerFailure: (error) => logger.error({ err: error }, 'request-log worker failed; writing request logs on the main thread'),
  });
  const baseRequestLog = createRequestLogWriter({
    insertMany: (rows) => requestLogSink.insertMany(rows),
    flushIntervalMs: options.requestLogFlushMs,
    onError: (error, dropped) => logger.error({ err: error, dropped }, 'writing request logs failed; will retry'),
  });
  const adapterFor = () => standardAdapter;
  const modelDiscovery = createModelDiscovery({ adapterFor, dispatcher: () => dispatchers.forProxy(undefined) });
  // Metrics, traces and the latency window watch each recorded row: the pipeline only records it.
  const obs = await createObservability({
    options,
    version: VERSION,
    database,
    requestLogs: store.requestLogs,
    audit: auth.audit,
    requestLog: baseRequestLog,
    consoleLogs,
    modelDiscovery,
    logger,
    cooldowns: () => routing.cooldowns.list(Date.now()),
  });
  const observed = obs.requestLog;
  // Rows waiting on a usage estimate (tokenizer still loading) are part of "everything so far".
  const requestLog: RequestLogWriter = {
    record: (row) => observed.record(row),
    flush: async () => {
      await usage.drain();
      await observed.flush();
    },
    close: async () => {
      await usage.drain();
      await observed.close();
    },
    pending: () => observed.pending(),
  };

  const ctx: GatewayContext = {
    options,
    version: VERSION,
    startedAt,
    logger,
    registry: () => registry,
    reloadRegistry: async () => {
      registry = await buildRegistry();
      routing.setTable(await buildRoutingTable());
      // Edited credentials or targets deserve a fresh chance.
      routing.cooldowns.clear();
      await usage.quotas.configure(await store.connections.list());
    },
    routing,
    adapterFor,
    dispatchers,
    modelDiscovery,
    requestLog,
    observability: obs.observability,
    usage,
    store,
    auth,
    lifecycle: { shuttingDown: false },
    access,
  };

  const app = await createApp(ctx);
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await usage.drain();
    await obs.close();
    await requestLog.close();
    await requestLogSink.close();
    await dispatchers.close();
    access.close();
    await database.close();
    await gatewayLogger?.close();
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
        await usage.drain();
        await obs.close();
        await requestLog.close();
        await requestLogSink.close();
        await dispatchers.close();
        access.close();
        await database.close();
        await gatewayLogger?.close();
      }
    })();
    return closing;
  };

  return { app, ctx, options: { ...options, port }, url: `http://${shownHost}:${port}`, close };
}
