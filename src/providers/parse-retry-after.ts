/** `6m0s`, `1.5s`, `20ms` — the duration syntax OpenAI uses in x-ratelimit-reset-* headers. */
function parseGoDuration(value: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = '';
  for (const m of value.matchAll(re)) {
    const n = Number(m[1]);
    const unit = m[2];
    total += unit === 'h' ? n * 3_600_000 : unit === 'm' ? n * 60_000 : unit === 's' ? n * 1000 : n;
    matched += m[0];
  }
  return matched.length > 0 && matched.length === value.length ? total : undefined;
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * How long the upstream asked us to wait, in ms: `Retry-After` (seconds or HTTP date), then the
 * OpenAI and Anthropic reset headers. Undefined when it did not say.
 */
export function parseRetryAfterMs(headers: Record<string, string | string[] | undefined>, now = Date.now()): number | undefined {
  const retryAfterMs = headerValue(headers, 'retry-after-ms');
  if (retryAfterMs && Number.isFinite(Number(retryAfterMs))) return Math.max(0, Number(retryAfterMs));
  const retryAfter = headerValue(headers, 'retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const resets: number[] = [];
  for (const name of ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens']) {
    const value = headerValue(headers, name);
    const ms = value === undefined ? undefined : parseGoDuration(value.trim());
    if (ms !== undefined) resets.push(ms);
  }
  for (const name of ['anthropic-ratelimit-requests-reset', 'anthropic-ratelimit-tokens-reset', 'anthropic-ratelimit-input-tokens-reset', 'anthropic-ratelimit-output-tokens-reset']) {
    const value = headerValue(headers, name);
    const date = value ? Date.parse(value) : NaN;
    if (Number.isFinite(date)) resets.push(Math.max(0, date - now));
  }
  return resets.length > 0 ? Math.max(...resets) : undefined;
}
