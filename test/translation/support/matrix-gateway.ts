import type { ConfigFile } from '../../../src/config/config-file-schema.js';
import type { WireFormat } from '../../../src/translate/wire-format.js';

/** One custom provider per upstream format, all pointing at the same mock. */
export const PROVIDER_PREFIX: Record<WireFormat, string> = {
  'openai-chat': 'oc',
  'openai-responses': 'or',
  'anthropic-messages': 'an',
  gemini: 'ge',
};

export function matrixConfig(mockUrl: string): ConfigFile {
  const providers = (Object.entries(PROVIDER_PREFIX) as Array<[WireFormat, string]>).map(([format, id]) => ({
    id,
    format,
    baseUrl: format === 'gemini' ? `${mockUrl}/v1beta` : `${mockUrl}/v1`,
  }));
  return { providers, connections: providers.map((provider) => ({ provider: provider.id, name: `${provider.id}-key`, apiKey: `key-${provider.id}` })) };
}

/** The model string that makes the gateway replay `caseName` from the upstream of `format`. */
export function modelFor(format: WireFormat, caseName: string): string {
  return `${PROVIDER_PREFIX[format]}/${caseName}`;
}
