import { describe, expect, it } from 'vitest';
import { moduleOf, summarizeCpuProfile } from './cpu-profile-summary.mjs';

const frame = (functionName, url, lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '0' });

describe('summarizeCpuProfile', () => {
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', '') },
      { id: 2, callFrame: frame('(idle)', '') },
      { id: 3, callFrame: frame('parse', 'file:///repo/node_modules/fastify/lib/x.js', 9) },
      { id: 4, callFrame: frame('route', 'file:///repo/dist/routing/resolve.js', 4) },
      { id: 5, callFrame: frame('route', 'file:///repo/dist/routing/resolve.js', 4) },
    ],
    samples: [2, 3, 3, 4, 5],
    timeDeltas: [5000, 2000, 1000, 1000, 1000],
  };

  it('sums self time per function, merging nodes of the same frame', () => {
    const summary = summarizeCpuProfile(profile);
    expect(summary.totalMs).toBe(10);
    expect(summary.functions[0]).toEqual({ name: '(idle)', ms: 5, percent: 50 });
    expect(summary.functions.find((f) => f.name.startsWith('parse'))).toMatchObject({ ms: 3, percent: 30 });
    expect(summary.functions.find((f) => f.name.startsWith('route'))).toMatchObject({ name: 'route dist/routing/resolve.js:5', ms: 2 });
  });

  it('groups by package and src folder', () => {
    const modules = Object.fromEntries(summarizeCpuProfile(profile).modules.map((m) => [m.name, m.ms]));
    expect(modules).toEqual({ '(idle)': 5, fastify: 3, 'omniroute routing/': 2 });
  });

  it('keeps the top entries only', () => {
    expect(summarizeCpuProfile(profile, 1).functions).toHaveLength(1);
  });
});

describe('moduleOf', () => {
  it('names scoped packages and node internals', () => {
    expect(moduleOf('file:///a/node_modules/@fastify/ajv-compiler/index.js')).toBe('@fastify/ajv-compiler');
    expect(moduleOf('node:internal/streams/readable')).toBe('node internals');
    expect(moduleOf('')).toBe('(native / VM)');
  });
});
