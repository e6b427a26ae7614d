import type { AuthHeader } from './provider-definition.js';

export function buildAuthHeaders(authHeader: AuthHeader, apiKey: string | undefined): Record<string, string> {
  if (!apiKey || authHeader === 'none') return {};
  switch (authHeader) {
    case 'bearer':
      return { authorization: `Bearer ${apiKey}` };
    case 'x-api-key':
      return { 'x-api-key': apiKey };
    case 'x-goog-api-key':
      return { 'x-goog-api-key': apiKey };
  }
}
