import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { GatewayError } from '../errors/gateway-error.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import { sendError } from '../server/error-response.js';
import type { ApiKeyRepository } from '../store/repositories/api-key-repository.js';
import type { ConnectPolicy } from '../upstream/dispatcher-factory.js';
import type { AccessOptions, IpLists } from './access-options.js';
import { createApiKeyIndex, type ApiKeyIndex, type IndexedApiKey } from './api-key-index.js';
import { API_KEY_PREFIX } from './api-key-secret.js';
import { clientIpOf } from './client-ip.js';
import { createIpMatcher, type IpMatcher } from './ip-matcher.js';
import { isLoopbackAddress } from './is-loopback-address.js';
import { presentedKeyOf } from './presented-key.js';
import { createPromptGuard, type PromptGuard } from './prompt-guard.js';
import { createMemoryRateLimiter, type RateLimiter } from './rate-limiter.js';
import { formatOfRequest, scopeOfPath } from './request-scope.js';
import { createUpstreamPolicy } from './upstream-policy.js';

/**
 * The access stage (DESIGN.md §2), as `ctx.access`: IP lists, client API keys with their model
 * scope and rate limit, the /v1/models filters, the prompt guard and the upstream SSRF policy.
 */
export interface AccessControl {
  readonly options: AccessOptions;
  readonly keys: ApiKeyIndex;
  /** The upstream connect rule the dispatcher applies (SSRF guard). */
  readonly upstreamPolicy: ConnectPolicy;
  /** The client's address, X-Forwarded-For honoured only behind a trusted proxy. Everyone uses this. */
  clientIpOf(request: FastifyRequest): string;
  /** App-wide onRequest hook: IP lists for /v1 and /api; key, expiry and rate limit for /v1. */
  onRequest(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
  /** The key the request authenticated with, for the request log. */
  apiKeyIdOf(request: FastifyRequest): string | undefined;
  /** Throws 403 `model_not_allowed` when the request's key may not use `model`. */
  assertModelAllowed(request: FastifyRequest, model: string): void;
  /** Prompt guard: throws 400 `prompt_rejected` in block mode, logs a warning in flag mode. */
  screenPrompt(request: FastifyRequest, body: Record<string, unknown>): void;
  /** What /v1/models may show this request: blocked providers and out-of-scope models removed. */
  visibleModels<T extends { id: string; providerId: string }>(request: FastifyRequest, models: T[]): T[];
  /** For the admin API's auth hook: an admin-scoped, live key → who it is. */
  verifyAdminKey(presented: string): { id: string; name: string } | undefined;
  close(): void;
}

interface CompiledLists {
  allow: IpMatcher;
  block: IpMatcher;
}

function compileLists(lists: IpLists): CompiledLists {
  return { allow: createIpMatcher(lists.allow), block: createIpMatcher(lists.block) };
}

function unauthorized(message: string): GatewayError {
  return new GatewayError('invalid_api_key', message, { status: 401, type: 'authentication_error' });
}

export function createAccessControl(deps: {
  options: AccessOptions;
  apiKeys: Pick<ApiKeyRepository, 'list'>;
  registry(): ProviderRegistry;
  logger: Logger;
  now?: () => number;
  rateLimiter?: RateLimiter;
}): AccessControl {
  const { options, logger } = deps;
  const now = deps.now ?? Date.now;
  const keys = createApiKeyIndex(deps.apiKeys);
  const limiter = deps.rateLimiter ?? createMemoryRateLimiter();
  const trusted = createIpMatcher(options.trustedProxies);
  const lists = { v1: compileLists(options.ip.v1), api: compileLists(options.ip.api) };
  const blockedProviders = new Set(options.modelsBlockedProviders);
  const promptGuard: PromptGuard | undefined = options.promptGuard ? createPromptGuard(options.promptGuard) : undefined;
  const keyOfRequest = new WeakMap<FastifyRequest, IndexedApiKey>();
  const ipOfRequest = new WeakMap<FastifyRequest, string>();
  const pruneTimer = setInterval(() => limiter.prune(now()), 60_000);
  pruneTimer.unref();

  const ipOf = (request: FastifyRequest): string => {
    let ip = ipOfRequest.get(request);
    if (ip === undefined) {
      ip = clientIpOf(request, trusted);
      ipOfRequest.set(request, ip);
    }
    return ip;
  };

  const checkIp = (ip: string, compiled: CompiledLists, what: string): void => {
    const denied = compiled.block.matches(ip) || (compiled.allow.size > 0 && !compiled.allow.matches(ip));
    if (denied) throw new GatewayError('ip_not_allowed', `Your address (${ip}) may not use the ${what}`, { status: 403, type: 'permission_error' });
  };

  const authenticate = (request: FastifyRequest, path: string): void => {
    const ip = ipOf(request);
    checkIp(ip, lists.v1, 'API');
    const presented = presentedKeyOf(request);
    const isModelsList = /^\/(?:v1\/|v1beta\/)?models(?:\/|$)/.test(path) && request.method === 'GET';
    const required = options.requireApiKey || !isLoopbackAddress(ip) || (options.protectModels && isModelsList);
    const found = presented === undefined ? undefined : keys.lookup(presented, now());
    if (found && found.status !== 'valid' && found.status !== 'unknown') {
      throw unauthorized(`This API key was ${found.status === 'expired' ? 'valid until ' + new Date(found.key.record.expiresAt ?? 0).toISOString() : 'revoked'}; create a new one`);
    }
    if (found?.status === 'unknown' && presented !== undefined) {
      // Local tools often insist on sending some key ("sk-local"); when no key is needed, such a
      // placeholder is ignored. Something shaped like our key that we do not know is refused.
      if (required || presented.startsWith(API_KEY_PREFIX)) throw unauthorized('Invalid API key');
    }
    if (found?.status === 'valid') {
      keyOfRequest.set(request, found.key);
      const rpm = found.key.record.rpm;
      if (rpm !== undefined) {
        const verdict = limiter.hit(found.key.record.id, rpm, now());
        if (!verdict.allowed) {
          throw new GatewayError('rate_limited', `This API key is limited to ${rpm} requests per minute`, { status: 429, type: 'rate_limit_error', retryAfterMs: verdict.retryAfterMs });
        }
      }
      return;
    }
    if (required) {
      throw unauthorized(
        options.requireApiKey || !isLoopbackAddress(ip)
          ? 'An API key is required: send it as "Authorization: Bearer <key>", "x-api-key" or "x-goog-api-key"'
          : 'An API key is required to list models on this gateway',
      );
    }
  };

  return {
    options,
    keys,
    upstreamPolicy: createUpstreamPolicy({ registry: deps.registry, allowPrivate: createIpMatcher(options.allowPrivateUpstreams) }),
    clientIpOf: ipOf,

    async onRequest(request, reply) {
      const path = request.url.split('?')[0] ?? '/';
      const scope = scopeOfPath(path);
      if (scope === 'public') return undefined;
      if (scope === 'api') {
        checkIp(ipOf(request), lists.api, 'admin API');
        return undefined;
      }
      try {
        authenticate(request, path);
        return undefined;
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        sendError(reply, error, formatOfRequest(path, request.headers, request.routeOptions.config?.clientFormat));
        return reply;
      }
    },

    apiKeyIdOf(request) {
      return keyOfRequest.get(request)?.record.id;
    },

    assertModelAllowed(request, model) {
      const key = keyOfRequest.get(request);
      if (!key || key.allowsModel(model)) return;
      throw new GatewayError('model_not_allowed', `This API key may not use the model '${model}' (allowed: ${key.record.models.join(', ')})`, { status: 403, type: 'permission_error', param: 'model' });
    },

    screenPrompt(request, body) {
      if (!promptGuard) return;
      const pattern = promptGuard.match(body);
      if (pattern === undefined) return;
      if (promptGuard.mode === 'block') {
        throw new GatewayError('prompt_rejected', 'The request was refused by the prompt-injection guard', { status: 400 });
      }
      // Flag mode: a log line (the request log has no free-form marker column to spare).
      logger.warn({ requestId: request.id, apiKeyId: keyOfRequest.get(request)?.record.id, pattern }, 'prompt guard: request flagged');
    },

    visibleModels(request, models) {
      const registry = deps.registry();
      const key = keyOfRequest.get(request);
      return models.filter((model) => {
        if (blockedProviders.has(model.providerId)) return false;
        const prefix = registry.get(model.providerId)?.prefix;
        if (prefix !== undefined && blockedProviders.has(prefix)) return false;
        return !key || key.allowsModel(model.id);
      });
    },

    verifyAdminKey(presented) {
      const found = keys.lookup(presented, now());
      if (found.status !== 'valid' || !found.key.record.admin) return undefined;
      return { id: found.key.record.id, name: found.key.record.name };
    },

    close() {
      clearInterval(pruneTimer);
    },
  };
}
