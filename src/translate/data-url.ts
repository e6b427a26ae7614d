import type { ImageSource } from './canonical/index.js';

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*?);base64,(.*)$/s;

/** URL-safe base64 (RFC 4648 §5) to standard alphabet with padding, as the canonical model requires. */
export function normaliseBase64(data: string): string {
  const standard = data.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const remainder = standard.length % 4;
  return remainder === 0 ? standard : standard + '='.repeat(4 - remainder);
}

/** `data:<mediaType>;base64,<data>` becomes a base64 source; any other URL stays a URL. */
export function sourceFromUrl(url: string, fallbackMediaType = 'application/octet-stream'): ImageSource {
  const match = DATA_URL.exec(url);
  if (!match) return { kind: 'url', url };
  const mediaType = match[1] || fallbackMediaType;
  return { kind: 'base64', mediaType, data: normaliseBase64(match[3] ?? '') };
}

export function dataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}

export function urlFromSource(source: ImageSource): string {
  return source.kind === 'url' ? source.url : dataUrl(source.mediaType, source.data);
}
