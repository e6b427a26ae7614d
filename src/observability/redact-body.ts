/** Keys whose values are credentials wherever they appear in a captured body. */
const SECRET_KEY = /^(authorization|proxy-authorization|x-api-key|x-goog-api-key|api[-_]?key|apikey|access[-_]?token|refresh[-_]?token|client[-_]?secret|secret|password|token|cookie|set-cookie)$/i;
/** Inline base64 (data URLs and Gemini/Anthropic `data` fields) is kept only as a short prefix. */
const BASE64_KEEP = 64;
const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)?;base64,/i;
const LONG_BASE64 = /^[A-Za-z0-9+/=\r\n]{512,}$/;
const BEARER = /\b(Bearer\s+)[\w.~+/=-]{8,}/g;
const KEY_LIKE = /\b(sk-[\w-]{8,}|sk_[\w-]{8,}|AIza[\w-]{20,})/g;

export const REDACTED = '[redacted]';

function redactString(value: string): string {
  const dataUrl = DATA_URL.exec(value);
  if (dataUrl) return `${value.slice(0, dataUrl[0].length + BASE64_KEEP)}…[${value.length - dataUrl[0].length} base64 chars]`;
  if (LONG_BASE64.test(value)) return `${value.slice(0, BASE64_KEEP)}…[${value.length} base64 chars]`;
  return value.replace(BEARER, `$1${REDACTED}`).replace(KEY_LIKE, REDACTED);
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  // Bounded depth: a hostile body cannot make capture recurse without end.
  if (depth > 64) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item !== null && item !== undefined && item !== '' ? REDACTED : redactValue(item, depth + 1);
  }
  return out;
}

/**
 * A body as stored for the request-log detail view: credentials replaced, inline images cut to a
 * prefix, then cut to `maxBytes` of UTF-8. Strings (SSE text, non-JSON) get the same scrubbing.
 */
export function redactBody(body: unknown, maxBytes: number): { text: string | null; truncated: boolean } {
  if (body === undefined || body === null) return { text: null, truncated: false };
  let text: string;
  if (typeof body === 'string') text = redactString(body);
  else if (Buffer.isBuffer(body)) text = redactString(body.toString('utf8'));
  else {
    try {
      text = JSON.stringify(redactValue(body, 0));
    } catch {
      text = '[unserialisable body]';
    }
  }
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return { text, truncated: false };
  // Cut on bytes, then drop a trailing partial character.
  const cut = Buffer.from(text).subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
  return { text: cut, truncated: true };
}
