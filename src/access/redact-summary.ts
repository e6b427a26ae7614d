/** Field names whose values never reach the audit log. */
const SECRET_KEY = /pass|secret|token|key|auth|cookie|credential|signature|session/i;
const MAX_STRING = 200;
const MAX_ITEMS = 20;
const MAX_DEPTH = 4;

/**
 * What an admin call asked for, fit for the audit log: secret-named fields replaced, long strings
 * cut, deep or wide structures summarised. The audit trail says what changed, not a copy of it.
 */
export function redactSummary(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => redactSummary(item, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`[+${value.length - MAX_ITEMS} more]`);
    return items;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    let count = 0;
    for (const [key, inner] of Object.entries(value)) {
      if (count++ >= MAX_ITEMS) {
        out['…'] = 'more fields';
        break;
      }
      out[key] = SECRET_KEY.test(key) ? '[redacted]' : redactSummary(inner, depth + 1);
    }
    return out;
  }
  return String(value);
}
