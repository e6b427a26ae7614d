import type { Logger } from 'pino';
import type { AccessControl } from '../access/create-access-control.js';
import type { AuthContext } from '../access/auth-context.js';
import type { RuntimeOptions } from '../config/runtime-options.js';
import type { Observability } from '../observability/observability.js';
import type { ModelDiscovery } from '../providers/model-discovery.js';
import type { ProviderAdapter } from '../providers/provider-adapter.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { RoutingService } from '../routing/routing-service.js';
import type { AliasRepository } from '../store/repositories/alias-repository.js';
import type { ComboRepository } from '../store/repositories/combo-repository.js';
import type { ApiKeyRepository } from '../store/repositories/api-key-repository.js';
import type { ConnectionRepository } from '../store/repositories/connection-repository.js';
import type { ProviderRepository } from '../store/repositories/provider-repository.js';
import type { RequestLogRepository } from '../store/repositories/request-log-repository.js';
import type { SettingsRepository } from '../store/repositories/settings-repository.js';
import type { DispatcherFactory } from '../upstream/dispatcher-factory.js';
import type { RequestLogWriter } from '../usage/request-log-writer.js';
import type { UsageAccounting } from '../usage/usage-accounting.js';

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
  /** Rebuild the in-memory registry and routing table after the store changed. */
  reloadRegistry(): Promise<void>;
  routing: RoutingService;
  adapterFor(provider: ProviderDefinition): ProviderAdapter;
  dispatchers: DispatcherFactory;
  modelDiscovery: ModelDiscovery;
  requestLog: RequestLogWriter;
  /** Request-log search, analytics, health, metrics, body capture (src/observability). */
  observability: Observability;
  /** Token accounting, pricing, budgets and quotas (issue #6 part 1). */
  usage: UsageAccounting;
  store: {
    providers: ProviderRepository;
    connections: ConnectionRepository;
    settings: SettingsRepository;
    combos: ComboRepository;
    aliases: AliasRepository;
    requestLogs: RequestLogRepository;
    apiKeys: ApiKeyRepository;
  };
  /** Client API keys, IP lists, SSRF policy, prompt guard (issue #5 part 2). */
  access: AccessControl;
  /** Dashboard/admin login, sessions, admin-key check, audit log. */
  auth: AuthContext;
  /** Set when shutdown began: new requests get 503, in-flight ones finish. */
  lifecycle: { shuttingDown: boolean };
}
