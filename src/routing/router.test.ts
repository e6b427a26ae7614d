import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { account, combo, label, provider, rateLimited, routingFixture } from './test-support/routing-fixture.js';

const three = (strategy: 'fill-first' | 'round-robin' | 'p2c' | 'random' | 'least-used' | 'cost-optimized', extra: Parameters<typeof routingFixture>[0]['settings'] = {}) =>
  routingFixture({
    providers: [provider('p')],
    connections: [account('p', 'a', { priority: 1 }), account('p', 'b', { priority: 2, costFactor: 0.5 }), account('p', 'c', { priority: 3, costFactor: 0 })],
    settings: { accountStrategy: strategy, sessionAffinity: false, ...extra },
  });

function tally(labels: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of labels) out[l] = (out[l] ?? 0) + 1;
  return out;
}

describe('account strategies over 3 accounts', () => {
  it('fill-first: always the highest priority account, the rest behind it in priority order', () => {
    const f = three('fill-first');
    expect(f.order('p/m')).toEqual(['p/m@a', 'p/m@b', 'p/m@c']);
    expect(tally(Array.from({ length: 9 }, () => f.serve('p/m')))).toEqual({ 'p/m@a': 9 });
  });

  it('round-robin with the default sticky limit: 9 requests → 3/3/3, in runs of 3', () => {
    const f = three('round-robin');
    const served = Array.from({ length: 9 }, () => f.serve('p/m'));
    expect(served).toEqual(['p/m@a', 'p/m@a', 'p/m@a', 'p/m@b', 'p/m@b', 'p/m@b', 'p/m@c', 'p/m@c', 'p/m@c']);
  });

  it('round-robin with stickyLimit 1 alternates and keeps the others as fall-over', () => {
    const f = three('round-robin', { stickyLimit: 1 });
    expect(f.order('p/m')).toEqual(['p/m@a', 'p/m@b', 'p/m@c']);
    expect(f.order('p/m')).toEqual(['p/m@b', 'p/m@c', 'p/m@a']);
  });

  it('random spreads roughly evenly and still lists every account', () => {
    const f = three('random');
    expect(new Set(f.order('p/m')).size).toBe(3);
    const counts = tally(Array.from({ length: 3000 }, () => f.serve('p/m')));
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(800);
  });

  it('least-used picks the account that has served the fewest requests', () => {
    const f = three('least-used');
    expect(Array.from({ length: 6 }, () => f.serve('p/m'))).toEqual(['p/m@a', 'p/m@b', 'p/m@c', 'p/m@a', 'p/m@b', 'p/m@c']);
  });

  it('cost-optimized picks the cheapest account (cost factor), then the next cheapest', () => {
    expect(three('cost-optimized').order('p/m')).toEqual(['p/m@c', 'p/m@b', 'p/m@a']);
  });

  it('p2c picks the less loaded of two random accounts', () => {
    const f = three('p2c');
    // Load a and b with in-flight requests: whichever pair is drawn, the winner is the less busy.
    const busy = f.first('p/m');
    const attempts = f.all('p/m');
    for (const attempt of attempts.filter((a) => a.credentials.connectionName !== 'c')) {
      f.service.router.started(attempt);
      f.service.router.started(attempt);
    }
    void busy;
    const firsts = tally(Array.from({ length: 60 }, () => label(f.first('p/m'))));
    // c (idle) wins every draw it is part of: 2 of the 3 possible pairs.
    expect(firsts['p/m@c']).toBeGreaterThan(30);
    expect(firsts['p/m@c']).toBeLessThan(60);
  });

  it('a per-provider setting overrides the default strategy', () => {
    const f = three('fill-first', { providers: { p: { accountStrategy: 'cost-optimized' } } });
    expect(f.order('p/m')[0]).toBe('p/m@c');
  });
});

describe('combo strategies', () => {
  const base = (strategy: Parameters<typeof combo>[2], models: Parameters<typeof combo>[1] = ['x/m1', 'y/m2', 'z/m3']) =>
    routingFixture({
      providers: [provider('x'), provider('y'), provider('z')],
      connections: [account('x', 'a'), account('y', 'a'), account('z', 'a')],
      combos: [combo('c', models, strategy)],
      prices: { 'x/m1': 20, 'y/m2': 1.5, 'z/m3': 8 },
      settings: { sessionAffinity: false },
    });

  it('priority: in the order listed', () => {
    expect(base('priority').order('c')).toEqual(['x/m1@a', 'y/m2@a', 'z/m3@a']);
  });

  it('weighted: the first pick follows the weights within tolerance over many requests', () => {
    const f = base('weighted', [{ model: 'x/m1', weight: 6 }, { model: 'y/m2', weight: 3 }, { model: 'z/m3', weight: 1 }]);
    const counts = tally(Array.from({ length: 10_000 }, () => f.serve('c')));
    expect(counts['x/m1@a']! / 10_000).toBeCloseTo(0.6, 1);
    expect(counts['y/m2@a']! / 10_000).toBeCloseTo(0.3, 1);
    expect(counts['z/m3@a']! / 10_000).toBeCloseTo(0.1, 1);
  });

  it('round-robin: each request starts one further along', () => {
    const f = base('round-robin');
    expect([f.serve('c'), f.serve('c'), f.serve('c'), f.serve('c')]).toEqual(['x/m1@a', 'y/m2@a', 'z/m3@a', 'x/m1@a']);
  });

  it('random: every target appears first sometimes', () => {
    const f = base('random');
    expect(Object.keys(tally(Array.from({ length: 300 }, () => f.serve('c'))))).toHaveLength(3);
  });

  it('least-used: the target that served the fewest requests goes first', () => {
    const f = base('least-used');
    expect([f.serve('c'), f.serve('c'), f.serve('c')].sort()).toEqual(['x/m1@a', 'y/m2@a', 'z/m3@a']);
  });

  it('cost-optimized: cheapest list price first, unpriced last', () => {
    const f = routingFixture({
      providers: [provider('x'), provider('y'), provider('z'), provider('u')],
      connections: [account('x', 'a'), account('y', 'a'), account('z', 'a'), account('u', 'a')],
      combos: [combo('c', ['u/free-form', 'x/m1', 'y/m2', 'z/m3'], 'cost-optimized')],
      prices: { 'x/m1': 20, 'y/m2': 1.5, 'z/m3': 8 },
    });
    expect(f.order('c')).toEqual(['y/m2@a', 'z/m3@a', 'x/m1@a', 'u/free-form@a']);
  });

  it('p2c: the less loaded of two targets first', () => {
    const f = base('p2c');
    for (const attempt of f.all('x/m1')) f.service.router.started(attempt);
    const firsts = tally(Array.from({ length: 60 }, () => label(f.first('c'))));
    expect(firsts['x/m1@a'] ?? 0).toBe(0);
  });
});

describe('nested combos, aliases and the fallback chain', () => {
  it('expands a nested combo in place and never tries a target twice', () => {
    const f = routingFixture({
      providers: [provider('x'), provider('y'), provider('z')],
      connections: [account('x', 'a'), account('y', 'a'), account('z', 'a')],
      combos: [combo('outer', ['x/m1', 'inner', 'z/m3']), combo('inner', ['y/m2', 'x/m1'])],
    });
    expect(f.order('outer')).toEqual(['x/m1@a', 'y/m2@a', 'z/m3@a']);
    expect(f.order('combo/outer')).toEqual(['x/m1@a', 'y/m2@a', 'z/m3@a']);
  });

  it('a cycle at run time is cut, not followed forever; a disabled nested combo is skipped', () => {
    const f = routingFixture({
      providers: [provider('x'), provider('y')],
      connections: [account('x', 'a'), account('y', 'a')],
      combos: [combo('a', ['x/m1', 'b']), combo('b', ['y/m2', 'a']), combo('off', ['y/m9'], 'priority', { enabled: false }), combo('d', ['off', 'x/m1'])],
    });
    expect(f.order('a')).toEqual(['x/m1@a', 'y/m2@a']);
    expect(f.order('d')).toEqual(['x/m1@a']);
  });

  it('the global fallback chain follows a single model, not a combo', () => {
    const f = routingFixture({
      providers: [provider('x'), provider('y')],
      connections: [account('x', 'a'), account('y', 'a')],
      combos: [combo('c', ['x/m1'])],
      settings: { fallback: ['y/backup'] },
    });
    expect(f.order('x/m1')).toEqual(['x/m1@a', 'y/backup@a']);
    expect(f.order('c')).toEqual(['x/m1@a']);
  });

  it('a combo entry whose provider has no account is skipped; alone it is the error', () => {
    const f = routingFixture({
      providers: [provider('x'), provider('nokey')],
      connections: [account('x', 'a')],
      combos: [combo('c', ['nokey/m', 'x/m1']), combo('only', ['nokey/m'])],
    });
    expect(f.order('c')).toEqual(['x/m1@a']);
    expect(() => f.order('only')).toThrow(/No connection/);
  });
});

describe('cooldowns and session affinity', () => {
  const two = (settings: Parameters<typeof routingFixture>[0]['settings'] = {}) =>
    routingFixture({
      providers: [provider('p')],
      connections: [account('p', 'a', { priority: 1 }), account('p', 'b', { priority: 2 })],
      settings,
    });

  it('a rate-limited account moves behind the healthy one until its Retry-After has passed', () => {
    const f = two({ sessionAffinity: false });
    f.fail(f.first('p/m'), rateLimited(30_000));
    expect(f.order('p/m')).toEqual(['p/m@b', 'p/m@a']);
    // The cooldown is scoped to the model: another model on the same account is unaffected.
    expect(f.order('p/other')).toEqual(['p/other@a', 'p/other@b']);
    f.clock.now += 30_001;
    expect(f.order('p/m')).toEqual(['p/m@a', 'p/m@b']);
  });

  it('without Retry-After the cooldown doubles on each repeat and is capped', () => {
    const f = two({ sessionAffinity: false, cooldown: { baseMs: 1000, maxMs: 3000 } });
    const durations: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const entry = f.service.cooldowns.recordFailure({ provider: 'p', connectionId: 'p-a', model: 'm' }, rateLimited(), f.clock.now);
      durations.push(entry!.until - f.clock.now);
    }
    expect(durations).toEqual([1000, 2000, 3000, 3000]);
    f.service.cooldowns.recordSuccess({ provider: 'p', connectionId: 'p-a', model: 'm' });
    expect(f.service.cooldowns.list(f.clock.now)).toEqual([]);
  });

  it('scopes: an account-wide failure rests every model of that account; a provider-wide one every account', () => {
    const f = two({ sessionAffinity: false });
    f.fail(f.first('p/m'), new GatewayError('upstream_auth_failed', 'bad key', { status: 401, fallover: true, cooldownScope: 'account' }));
    expect(f.order('p/other')).toEqual(['p/other@b', 'p/other@a']);
    f.fail(f.first('p/m'), new GatewayError('upstream_unreachable', 'down', { status: 502, fallover: true, cooldownScope: 'provider' }));
    expect(f.service.cooldowns.list(f.clock.now).map((c) => c.scope).sort()).toEqual(['account', 'provider']);
  });

  it('a conversation stays on the account that served it while it is healthy; new conversations rotate', () => {
    const f = two({ accountStrategy: 'round-robin', stickyLimit: 1 });
    expect(f.serve('p/m', 'conv-1')).toBe('p/m@a');
    expect(f.serve('p/m', 'conv-2')).toBe('p/m@b');
    for (let i = 0; i < 4; i += 1) expect(f.serve('p/m', 'conv-1')).toBe('p/m@a');
    // When its account is resting, the conversation moves; it then sticks to the new one.
    f.fail(f.first('p/m', 'conv-1'), rateLimited(60_000));
    expect(f.serve('p/m', 'conv-1')).toBe('p/m@b');
  });

  it('affinity can be switched off per combo', () => {
    const f = routingFixture({
      providers: [provider('p')],
      connections: [account('p', 'a'), account('p', 'b')],
      combos: [combo('c', ['p/m'], 'priority', { sessionAffinity: false })],
      settings: { accountStrategy: 'round-robin', stickyLimit: 1 },
    });
    expect([f.serve('c', 'conv'), f.serve('c', 'conv'), f.serve('c', 'conv')]).toEqual(['p/m@a', 'p/m@b', 'p/m@a']);
  });

  it('a connection whose declared quota is used up is skipped until its reset; all used up → 429', () => {
    const resetAt = 1_000_000 + 3_600_000;
    const f = routingFixture({
      providers: [provider('p')],
      connections: [account('p', 'a', { priority: 1 }), account('p', 'b', { priority: 2 })],
      settings: { sessionAffinity: false },
      exhaustedUntil: (connectionId, now) => (connectionId === 'p-a' && now < resetAt ? resetAt : undefined),
    });
    expect(f.order('p/m')).toEqual(['p/m@b']);
    f.clock.now = resetAt;
    expect(f.order('p/m')).toEqual(['p/m@a', 'p/m@b']);
    const allOut = routingFixture({
      providers: [provider('p')],
      connections: [account('p', 'a')],
      exhaustedUntil: () => resetAt + 60_000,
    });
    let error: unknown;
    try {
      allOut.order('p/m');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ status: 429, retryAfterMs: resetAt + 60_000 - 1_000_000 });
  });

  it('strategy state is untouched for targets that are never reached', () => {
    const f = routingFixture({
      providers: [provider('x'), provider('y')],
      connections: [account('x', 'a'), account('y', 'a'), account('y', 'b')],
      combos: [combo('c', ['x/m1', 'y/m2'])],
      settings: { sessionAffinity: false, accountStrategy: 'round-robin', stickyLimit: 1 },
    });
    for (let i = 0; i < 5; i += 1) f.serve('c');
    // y's round-robin never turned while x answered: its first use starts at its first account.
    expect(f.first('y/m2').credentials.connectionName).toBe('a');
  });
});
