import type { FixtureFormat } from './fixture-library.js';

export type MockRoute =
  | { kind: 'generate'; format: Exclude<FixtureFormat, 'gemini'> }
  | { kind: 'generate'; format: 'gemini'; model: string; stream: boolean; sse: boolean }
  | { kind: 'count-tokens' }
  | { kind: 'list-models'; style: 'openai' | 'gemini' }
  | { kind: 'get-model'; style: 'openai' | 'gemini'; id: string }
  | { kind: 'not-found' };

// Gemini (and Vertex) address the model in the path: …/models/{model}:{method}.
const GEMINI_METHOD = /\/models\/([^:]+):(generateContent|streamGenerateContent)$/;
const GEMINI_VERSION = /\/v1(?:alpha|beta)\d*\//;
const MODEL_BY_ID = /\/models\/([^/:]+)$/;

/**
 * Maps a request to what it asks for by the path's suffix only, so any prefix
 * (`/v1`, `/openai/v1`, `/api/v1`, a Vertex project path…) is accepted the way
 * base URLs of real providers and OpenAI-compatible hosts vary.
 */
export function routeRequest(method: string, pathWithQuery: string): MockRoute {
  const queryAt = pathWithQuery.indexOf('?');
  const pathname = queryAt === -1 ? pathWithQuery : pathWithQuery.slice(0, queryAt);
  const query = queryAt === -1 ? '' : pathWithQuery.slice(queryAt + 1);

  if (method === 'POST') {
    if (pathname.endsWith('/chat/completions')) return { kind: 'generate', format: 'openai-chat' };
    if (pathname.endsWith('/responses')) return { kind: 'generate', format: 'openai-responses' };
    if (pathname.endsWith('/messages/count_tokens')) return { kind: 'count-tokens' };
    if (pathname.endsWith('/messages')) return { kind: 'generate', format: 'anthropic-messages' };
    const gemini = GEMINI_METHOD.exec(pathname);
    if (gemini) {
      const model = decodeURIComponent(gemini[1] ?? '');
      const stream = gemini[2] === 'streamGenerateContent';
      const sse = new URLSearchParams(query).get('alt') === 'sse';
      return { kind: 'generate', format: 'gemini', model, stream, sse };
    }
    return { kind: 'not-found' };
  }

  if (method === 'GET') {
    const style = GEMINI_VERSION.test(pathname) ? 'gemini' : 'openai';
    if (pathname.endsWith('/models')) return { kind: 'list-models', style };
    const byId = MODEL_BY_ID.exec(pathname);
    if (byId) return { kind: 'get-model', style, id: decodeURIComponent(byId[1] ?? '') };
  }
  return { kind: 'not-found' };
}
