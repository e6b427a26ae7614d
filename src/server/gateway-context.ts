import type { Logger } from 'pino';
import type { AuthContext } from '../access/auth-context.js';
import type { RuntimeOptions } from '../config/runtime-options.js';
import type { ModelDiscovery } from '../providers/model-discovery.js';
import type { ProviderAdapter } from '../providers/provider-adapter.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { ConnectionRepository } from '../store/repositories/connection-repository.js';
import type { ProviderRepository } from '../store/repositories/provider-repository.js';
import type { RequestLogRepository } from '../store/repositories/request-log-repository.js';
import type { SettingsRepository } from '../store/repositories/settings-repository.js';
import type { DispatcherFactory } from '../upstream/dispatcher-factory.js';
import type { RequestLogWriter } from '../usage/request-log-writer.js';

/**
 * Everything a request handler may use, built once by `cli/` and passed in (no imported
 * singletons). Tests build their own.
 */
export interface GatewayContext {
  options: RuntimeOptions;
  version: string;
  startedAt: number;
  logger: Logger;
  registry(): ProviderRegistry;
  /** Rebuild the in-memory registry after the store changed. */
  reloadRegistry(): Promise<void>;
  adapterFor(provider: ProviderDefinition): ProviderAdapter;
  dispatchers: DispatcherFactory;
  modelDiscovery: ModelDiscovery;
  requestLog: RequestLogWriter;
  store: {
    providers: ProviderRepository;
    connections: ConnectionRepository;
    settings: SettingsRepository;
    requestLogs: RequestLogRepository;
  };
  /** Dashboard/admin login, sessions, admin-key check, audit log. */
  auth: AuthContext;
  /** Set when shutdown began: new requests get 503, in-flight ones finish. */
  lifecycle: { shuttingDown: boolean };
}
