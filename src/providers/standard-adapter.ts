import type { WireFormat } from '../translate/wire-format.js';
import { buildAuthHeaders } from './build-auth-headers.js';
import type { ProviderAdapter, UpstreamRequestSpec, UpstreamTarget } from './provider-adapter.js';

const ANTHROPIC_VERSION = '2023-06-01';

/** Client headers that must reach an upstream of the same format (Claude Code relies on betas). */
const FORWARDED_CLIENT_HEADERS: Partial<Record<WireFormat, string[]>> = {
  'anthropic-messages': ['anthropic-beta', 'anthropic-version'],
  'openai-chat': ['openai-beta'],
  'openai-responses': ['openai-beta'],
};

function endpointFor(format: WireFormat, base: string, model: string, stream: boolean): string {
  switch (format) {
    case 'openai-chat':
      return `${base}/chat/completions`;
    case 'openai-responses':
      return `${base}/responses`;
    case 'anthropic-messages':
      return `${base}/messages`;
    case 'gemini':
      return `${base}/models/${encodeURIComponent(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
  }
}

function formatHeaders(format: WireFormat): Record<string, string> {
  return format === 'anthropic-messages' ? { 'anthropic-version': ANTHROPIC_VERSION } : {};
}

function baseOf(target: Pick<UpstreamTarget, 'provider' | 'credentials'>): string {
  return (target.credentials.baseUrl ?? target.provider.baseUrl).replace(/\/+$/, '');
}

type ClientHeaders = Record<string, string | string[] | undefined>;

function postHeaders(target: UpstreamTarget, accept: string, clientHeaders: ClientHeaders): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept, ...formatHeaders(target.format) };
  for (const name of FORWARDED_CLIENT_HEADERS[target.format] ?? []) {
    const value = clientHeaders[name];
    if (typeof value === 'string') headers[name] = value;
    else if (Array.isArray(value)) headers[name] = value.join(',');
  }
  Object.assign(headers, target.provider.headers, target.credentials.headers, buildAuthHeaders(target.provider.authHeader, target.credentials.apiKey));
  return headers;
}

/**
 * Parameters the catalogue says a model rejects (e.g. `temperature` on Claude Opus 4.7, penalties
 * on o3) are left out, so a client's defaults do not turn into a 400 from the provider.
 */
function withoutUnsupportedParams(target: UpstreamTarget, body: Record<string, unknown>): Record<string, unknown> {
  const unsupported = target.provider.models.find((m) => m.id === target.model)?.unsupportedParams;
  if (!unsupported || !unsupported.some((param) => param in body)) return body;
  const kept = { ...body };
  for (const param of unsupported) delete kept[param];
  return kept;
}

export const standardAdapter: ProviderAdapter = {
  buildGenerateRequest(target, body, options): UpstreamRequestSpec {
    const headers = postHeaders(target, options.stream ? 'text/event-stream' : 'application/json', options.clientHeaders);
    return { url: endpointFor(target.format, baseOf(target), target.model, options.stream), method: 'POST', headers, body: JSON.stringify(withoutUnsupportedParams(target, body)) };
  },

  buildListModelsRequest(target): UpstreamRequestSpec {
    return {
      url: `${baseOf(target)}/models`,
      method: 'GET',
      headers: { accept: 'application/json', ...formatHeaders(target.format), ...target.provider.headers, ...target.credentials.headers, ...buildAuthHeaders(target.provider.authHeader, target.credentials.apiKey) },
    };
  },

  buildCountTokensRequest(target, body, options): UpstreamRequestSpec | undefined {
    // Only the Messages API defines a counting endpoint; the other formats are estimated.
    if (target.format !== 'anthropic-messages') return undefined;
    return { url: `${baseOf(target)}/messages/count_tokens`, method: 'POST', headers: postHeaders(target, 'application/json', options.clientHeaders), body };
  },
};
