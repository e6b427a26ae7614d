import { undiciErrors } from './undici-core.js';

export interface OriginAndPath {
  origin: string;
  /** Path and query string, as sent on the request line. */
  path: string;
}

/** Upstream URLs repeat (one per provider endpoint and model); parsing each on every request showed in profiles. */
const MAX_CACHED = 512;
const cache = new Map<string, OriginAndPath>();

/** What `undici.request(url)` derives from a URL string, parsed once per distinct URL. */
export function splitUrl(url: string): OriginAndPath {
  const cached = cache.get(url);
  if (cached) return cached;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new undiciErrors.InvalidArgumentError('Invalid URL protocol: the URL must start with `http:` or `https:`.');
  }
  const split = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
  // Crude bound: a deployment with more distinct upstream URLs than this just parses more often.
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(url, split);
  return split;
}
