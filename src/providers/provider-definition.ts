import type { WireFormat } from '../translate/wire-format.js';

export interface ModelInfo {
  id: string;
  name?: string;
  contextLength?: number;
  maxOutputTokens?: number;
  /** Parameters this model rejects (e.g. temperature on some reasoning models). */
  unsupportedParams?: string[];
}

export type AuthType = 'apikey' | 'oauth' | 'none';
export type AuthHeader = 'bearer' | 'x-api-key' | 'x-goog-api-key' | 'none';

/** A provider as routing sees it: built-in catalogue entry or custom provider, merged. */
export interface ProviderDefinition {
  id: string;
  /** The canonical prefix clients write (`groq/…`). */
  prefix: string;
  /** Other accepted prefixes (catalogue id and alias). */
  aliases: string[];
  name: string;
  /** The wire format we speak to it; undefined for vendor protocols not supported yet. */
  format: WireFormat | undefined;
  /** The catalogue's own format name (kept for display and for the unsupported message). */
  nativeFormat: string;
  /** API base up to the version segment, without the endpoint (`…/v1`). */
  baseUrl: string;
  authType: AuthType;
  authHeader: AuthHeader;
  headers: Record<string, string>;
  models: ModelInfo[];
  /** A runtime on this machine / LAN: no key needed, private addresses expected. */
  isLocal: boolean;
  tier: string;
  builtin: boolean;
}
