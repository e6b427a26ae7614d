import type { ImageSource } from '../../canonical/index.js';

const DATA_URL = /^data:([^;,]*)(?:;[^,]*)?;base64,(.*)$/s;

/** A URL string as Responses carries it (`https://…` or a base64 `data:` URL) → canonical source. */
export function sourceFromUrl(url: string): ImageSource {
  const match = DATA_URL.exec(url);
  if (!match) return { kind: 'url', url };
  // Canonical base64 is the standard alphabet; some clients send the URL-safe one.
  const data = (match[2] ?? '').replace(/-/g, '+').replace(/_/g, '/');
  return { kind: 'base64', mediaType: match[1] || 'application/octet-stream', data };
}

export function sourceToUrl(source: ImageSource): string {
  return source.kind === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
}
