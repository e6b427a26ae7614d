import { describe, expect, it } from 'vitest';
import { ConfigFileError, parseConfigText } from '../../src/config/load-config-file.js';
import { resolveRuntimeOptions } from '../../src/config/runtime-options.js';

function problemsOf(text: string, file = 'omniroute.yaml', env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfigText(text, file, env);
  } catch (error) {
    if (error instanceof ConfigFileError) return error.problems;
    throw error;
  }
  return [];
}

describe('config file validation', () => {
  it('accepts the documented example', () => {
    const config = parseConfigText(
      `providers:\n  - { id: mock, prefix: mock, format: openai-chat, baseUrl: "http://127.0.0.1:18000/v1" }\nconnections:\n  - { provider: mock, name: acct-a, apiKey: sk-up-a, priority: 1 }\n`,
      'c.yaml',
    );
    expect(config.providers?.[0]).toMatchObject({ id: 'mock', format: 'openai-chat' });
    expect(config.connections?.[0]).toMatchObject({ name: 'acct-a', priority: 1 });
  });

  it('accepts JSON files', () => {
    expect(parseConfigText('{"connections":[{"provider":"groq","name":"k","apiKey":"x"}]}', 'c.json').connections).toHaveLength(1);
  });

  it('names the bad field', () => {
    expect(problemsOf('providers:\n  - { id: x, format: klingon, baseUrl: "http://a/v1" }')).toEqual([expect.stringMatching(/^providers\[0\]\.format: /)]);
    expect(problemsOf('connections:\n  - { provider: groq, name: a, priority: high }')).toEqual([expect.stringMatching(/^connections\[0\]\.priority: /)]);
    expect(problemsOf('providers:\n  - { id: x, format: openai-chat, baseUrl: "not a url" }')).toEqual([expect.stringMatching(/^providers\[0\]\.baseUrl: /)]);
    expect(problemsOf('settings: { port: 99999 }')).toEqual([expect.stringMatching(/^settings\.port: /)]);
  });

  it('rejects unknown keys instead of ignoring a typo', () => {
    expect(problemsOf('conections: []')[0]).toMatch(/conections/);
    expect(problemsOf('connections:\n  - { provider: groq, name: a, api_key: x }')[0]).toMatch(/connections\[0\]/);
  });

  it('rejects duplicates', () => {
    expect(problemsOf('connections:\n  - { provider: groq, name: a }\n  - { provider: groq, name: a }')[0]).toMatch(/connections\[1\]\.name: duplicate/);
  });

  it('reports YAML syntax errors', () => {
    expect(problemsOf('providers: [\n')[0]).toMatch(/cannot parse/);
  });

  it('substitutes ${ENV} references and names the field when one is missing', () => {
    const config = parseConfigText('connections:\n  - { provider: groq, name: a, apiKey: "${GROQ_KEY}" }', 'c.yaml', { GROQ_KEY: 'gsk-123' });
    expect(config.connections?.[0]?.apiKey).toBe('gsk-123');
    expect(problemsOf('connections:\n  - { provider: groq, name: a, apiKey: "${NOPE}" }')).toEqual(['connections[0].apiKey: environment variable NOPE is not set']);
  });

  it('treats an empty file as an empty config', () => {
    expect(parseConfigText('', 'c.yaml')).toEqual({});
  });
});

describe('runtime option precedence: flags > env > file > stored > defaults', () => {
  it('takes each value from the highest source that has it', () => {
    const options = resolveRuntimeOptions({
      flags: { port: 1111 },
      env: { PORT: '2222', HOSTNAME: '0.0.0.0' },
      fileSettings: { port: 3333, host: '127.0.0.2', timeouts: { idleMs: 5 } },
      storedSettings: { port: 4444, timeouts: { idleMs: 6, connectMs: 7 }, logLevel: 'debug' },
    });
    expect(options.port).toBe(1111);
    expect(options.host).toBe('0.0.0.0');
    expect(options.timeouts).toMatchObject({ idleMs: 5, connectMs: 7 });
    expect(options.logLevel).toBe('debug');
  });

  it('falls back to the defaults', () => {
    const options = resolveRuntimeOptions({ flags: {}, env: {} });
    expect(options).toMatchObject({ port: 20128, host: '127.0.0.1', openBrowser: true });
    expect(options.dataDir).toMatch(/\.omniroute$/);
  });

  it('rejects a bad PORT', () => {
    expect(() => resolveRuntimeOptions({ flags: {}, env: { PORT: 'eighty' } })).toThrow(/PORT/);
  });
});
