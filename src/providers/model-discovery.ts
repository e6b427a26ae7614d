import type { Dispatcher } from 'undici';
import { sendUpstream } from '../upstream/send-upstream.js';
import type { ProviderAdapter, UpstreamCredentials } from './provider-adapter.js';
import type { ProviderDefinition } from './provider-definition.js';

export interface ModelDiscovery {
  /** Model ids the provider's own `/models` reports; [] when it cannot be asked. Cached. */
  discover(provider: ProviderDefinition, credentials: UpstreamCredentials): Promise<string[]>;
  snapshot(): ReadonlyMap<string, string[]>;
}

function modelIdsOf(body: unknown): string[] {
  const root = body as { data?: unknown; models?: unknown } | null;
  const list = Array.isArray(root?.data) ? root.data : Array.isArray(root?.models) ? root.models : [];
  const ids: string[] = [];
  for (const item of list) {
    const entry = item as { id?: unknown; name?: unknown; model?: unknown };
    // OpenAI-style `id`; Gemini `name: "models/…"`; Ollama native `model`/`name`.
    const id = typeof entry.id === 'string' ? entry.id : typeof entry.name === 'string' ? entry.name.replace(/^models\//, '') : typeof entry.model === 'string' ? entry.model : undefined;
    if (id) ids.push(id);
  }
  return ids;
}

/**
 * Local runtimes and custom endpoints rarely declare their models; ask them, briefly, and cache
 * the answer so `/v1/models` stays fast and a runtime that is down costs one short timeout a minute.
 */
export function createModelDiscovery(deps: { adapterFor(provider: ProviderDefinition): ProviderAdapter; dispatcher(): Dispatcher; ttlMs?: number; timeoutMs?: number }): ModelDiscovery {
  const ttlMs = deps.ttlMs ?? 60_000;
  const timeoutMs = deps.timeoutMs ?? 3_000;
  const cache = new Map<string, { at: number; ids: string[] }>();
  const inFlight = new Map<string, Promise<string[]>>();

  async function fetchIds(provider: ProviderDefinition, credentials: UpstreamCredentials): Promise<string[]> {
    if (!provider.format) return [];
    const spec = deps.adapterFor(provider).buildListModelsRequest({ provider, format: provider.format, credentials });
    try {
      const response = await sendUpstream(spec, { dispatcher: deps.dispatcher(), signal: AbortSignal.timeout(timeoutMs), providerId: provider.id, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      if (response.status >= 400) {
        await response.body.dump();
        return [];
      }
      return modelIdsOf(await response.body.json());
    } catch {
      return [];
    }
  }

  return {
    discover(provider, credentials) {
      const cached = cache.get(provider.id);
      if (cached && Date.now() - cached.at < ttlMs) return Promise.resolve(cached.ids);
      let pending = inFlight.get(provider.id);
      if (!pending) {
        pending = fetchIds(provider, credentials).then((ids) => {
          cache.set(provider.id, { at: Date.now(), ids });
          inFlight.delete(provider.id);
          return ids;
        });
        inFlight.set(provider.id, pending);
      }
      return pending;
    },
    snapshot() {
      return new Map([...cache].map(([id, entry]) => [id, entry.ids]));
    },
  };
}
