import { describe, expect, it } from 'vitest';
import { splitUrl } from './split-url.js';
import { undiciErrors } from './undici-core.js';

describe('splitUrl', () => {
  it('splits a URL into origin and path with its query string, as undici.request would', () => {
    expect(splitUrl('http://127.0.0.1:18000/v1/chat/completions')).toEqual({ origin: 'http://127.0.0.1:18000', path: '/v1/chat/completions' });
    expect(splitUrl('https://example.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse')).toEqual({
      origin: 'https://example.com',
      path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    });
    expect(splitUrl('https://example.com')).toEqual({ origin: 'https://example.com', path: '/' });
  });

  it('returns the same answer from its cache', () => {
    const url = 'http://localhost:11434/v1/chat/completions';
    expect(splitUrl(url)).toBe(splitUrl(url));
  });

  it('refuses what undici refuses', () => {
    expect(() => splitUrl('ftp://example.com/x')).toThrow(undiciErrors.InvalidArgumentError);
    expect(() => splitUrl('not a url')).toThrow(TypeError);
  });
});
