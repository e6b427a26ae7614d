import { z } from 'zod';
import type { WireFormat } from '../../translate/wire-format.js';
import type { AuthHeader, AuthType, ProviderDefinition } from '../provider-definition.js';
import catalogData from './catalog-data.json' with { type: 'json' };

const catalogSchema = z.object({
  providers: z.array(
    z.object({
      id: z.string(),
      alias: z.string().optional(),
      name: z.string(),
      tier: z.string(),
      format: z.string(),
      authType: z.string(),
      authHeader: z.string().nullable().optional(),
      baseUrl: z.string(),
      models: z
        .array(
          z.object({
            id: z.string(),
            name: z.string().optional(),
            contextLength: z.number().optional(),
            maxOutputTokens: z.number().optional(),
            unsupportedParams: z.array(z.string()).optional(),
          }),
        )
        .default([]),
    }),
  ),
});

const FORMAT_BY_CATALOG_NAME: Record<string, WireFormat> = {
  openai: 'openai-chat',
  'openai-responses': 'openai-responses',
  claude: 'anthropic-messages',
  gemini: 'gemini',
};

/** Endpoint suffixes in the catalogue's URLs; routing appends the right one per call. */
const ENDPOINT_SUFFIXES = [/\/chat\/completions$/, /\/messages$/, /\/responses$/, /\/models$/];

function apiBase(url: string): string {
  for (const suffix of ENDPOINT_SUFFIXES) if (suffix.test(url)) return url.replace(suffix, '');
  return url.replace(/\/+$/, '');
}

function authOf(authType: string, authHeader: string | null | undefined): { authType: AuthType; authHeader: AuthHeader } {
  const type: AuthType = authType === 'none' ? 'none' : authType === 'oauth' ? 'oauth' : 'apikey';
  if (type === 'none') return { authType: type, authHeader: 'none' };
  const header: AuthHeader = authHeader === 'x-api-key' || authHeader === 'x-goog-api-key' ? authHeader : 'bearer';
  return { authType: type, authHeader: header };
}

/** The built-in catalogue (from shared/reference/providers.json), normalised once at start. */
export function loadCatalog(): ProviderDefinition[] {
  const parsed = catalogSchema.parse(catalogData);
  return parsed.providers.map((entry) => {
    const prefix = entry.alias ?? entry.id;
    const aliases = [...new Set([entry.id, prefix])].filter((p) => p !== prefix);
    return {
      id: entry.id,
      prefix,
      aliases,
      name: entry.name,
      format: FORMAT_BY_CATALOG_NAME[entry.format],
      nativeFormat: entry.format,
      baseUrl: apiBase(entry.baseUrl),
      ...authOf(entry.authType, entry.authHeader),
      headers: {},
      models: entry.models,
      isLocal: entry.tier === 'local',
      tier: entry.tier,
      builtin: true,
    };
  });
}
