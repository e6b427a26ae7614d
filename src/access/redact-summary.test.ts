import { describe, expect, it } from 'vitest';
import { redactSummary } from './redact-summary.js';

describe('audit summary redaction', () => {
  it('replaces every secret-named field, at any depth', () => {
    const summary = redactSummary({
      name: 'acct',
      apiKey: 'sk-live-123',
      password: 'hunter22',
      newPassword: 'x',
      headers: { Authorization: 'Bearer abc', 'x-team': 'a' },
      nested: [{ client_secret: 's', sessionToken: 't' }],
    });
    expect(summary).toEqual({
      name: 'acct',
      apiKey: '[redacted]',
      password: '[redacted]',
      newPassword: '[redacted]',
      headers: { Authorization: '[redacted]', 'x-team': 'a' },
      nested: [{ client_secret: '[redacted]', sessionToken: '[redacted]' }],
    });
    expect(JSON.stringify(summary)).not.toMatch(/sk-live|hunter|abc/);
  });

  it('bounds size: long strings, wide arrays and deep objects are summarised', () => {
    const summary = redactSummary({ text: 'a'.repeat(500), list: Array.from({ length: 30 }, (_, i) => i), deep: { a: { b: { c: { d: 1 } } } } }) as Record<string, any>;
    expect(summary.text).toHaveLength(201);
    expect(summary.list).toHaveLength(21);
    expect(summary.deep.a.b.c).toBe('[…]');
  });
});
