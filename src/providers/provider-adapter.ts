import type { WireFormat } from '../translate/wire-format.js';
import type { ProviderDefinition } from './provider-definition.js';

/** The account a request goes out on, with its secret already decrypted (in memory only). */
export interface UpstreamCredentials {
  connectionId: string | undefined;
  connectionName: string | undefined;
  apiKey: string | undefined;
  baseUrl: string | undefined;
  headers: Record<string, string>;
  proxyUrl: string | undefined;
}

export interface UpstreamTarget {
  provider: ProviderDefinition;
  format: WireFormat;
  credentials: UpstreamCredentials;
  /** The model id as the provider knows it (prefix stripped). */
  model: string;
}

export interface UpstreamRequestSpec {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/**
 * What a provider contributes: where and how to send a call in its format. Vendor quirks (extra
 * headers, URL shapes, body fixes) live in the vendor's own adapter; the standard adapter serves
 * every provider that follows its format's reference API.
 */
export interface ProviderAdapter {
  buildGenerateRequest(target: UpstreamTarget, body: Record<string, unknown>, options: { stream: boolean; clientHeaders: Record<string, string | string[] | undefined> }): UpstreamRequestSpec;
  buildListModelsRequest(target: Omit<UpstreamTarget, 'model'>): UpstreamRequestSpec;
  /**
   * Anthropic `count_tokens` for this target, or undefined when the provider has no such endpoint
   * (the gateway then answers with a marked estimate). Optional: adapters without it never count.
   */
  buildCountTokensRequest?(target: UpstreamTarget, body: string, options: { clientHeaders: Record<string, string | string[] | undefined> }): UpstreamRequestSpec | undefined;
}
