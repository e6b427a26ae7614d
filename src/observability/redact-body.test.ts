import { describe, expect, it } from 'vitest';
import { REDACTED, redactBody } from './redact-body.js';

describe('redactBody', () => {
  it('replaces credential fields at any depth and key-like strings in text', () => {
    const { text } = redactBody(
      {
        model: 'gpt-5',
        apiKey: 'sk-live-123456789',
        nested: { api_key: 'x-secret-value', headers: { Authorization: 'Bearer abcdefghijkl' } },
        messages: [{ role: 'user', content: 'my key is sk-proj-abcdefghijklmnop and Bearer zyxwvutsrqpo' }],
      },
      65_536,
    );
    const parsed = JSON.parse(text!) as Record<string, unknown>;
    expect(parsed.apiKey).toBe(REDACTED);
    expect(parsed.nested).toEqual({ api_key: REDACTED, headers: { Authorization: REDACTED } });
    expect(text).not.toContain('sk-live');
    expect(text).not.toContain('sk-proj-abcdefghijklmnop');
    expect(text).not.toContain('zyxwvutsrqpo');
    expect(text).toContain('my key is');
  });

  it('truncates inline base64 images to a short prefix', () => {
    const image = 'data:image/png;base64,' + 'A'.repeat(100_000);
    const gemini = 'B'.repeat(10_000);
    const { text, truncated } = redactBody({ messages: [{ content: [{ type: 'image_url', image_url: { url: image } }] }], inline: { data: gemini } }, 65_536);
    expect(truncated).toBe(false);
    expect(text!.length).toBeLessThan(1_000);
    expect(text).toContain('data:image/png;base64,AAAA');
    expect(text).toContain('[100000 base64 chars]');
    expect(text).toContain('[10000 base64 chars]');
  });

  it('caps the stored size in bytes and says so', () => {
    const { text, truncated } = redactBody({ content: 'é'.repeat(10_000) }, 1_001);
    expect(truncated).toBe(true);
    expect(Buffer.byteLength(text!)).toBeLessThanOrEqual(1_001);
    expect(text).not.toContain('\uFFFD');
  });

  it('keeps text bodies, scrubbed, and maps absent bodies to null', () => {
    expect(redactBody('data: {"x":"Bearer abcdefghijk"}', 1000).text).toBe(`data: {"x":"Bearer ${REDACTED}"}`);
    expect(redactBody(undefined, 1000)).toEqual({ text: null, truncated: false });
  });
});
