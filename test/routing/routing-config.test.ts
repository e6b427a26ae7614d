import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigFileError } from '../../src/config/load-config-file.js';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const providers = [{ id: 'p', format: 'openai-chat' as const, baseUrl: 'http://127.0.0.1:9/v1', authType: 'none' as const }];

describe('combos and aliases in the config file', () => {
  it('refuses a cycle and an entry that resolves to nothing, naming the combo and entry', async () => {
    const failure = await startTestGateway({
      config: { providers, combos: [{ name: 'a', models: ['b'] }, { name: 'b', models: ['a'] }, { name: 'c', models: ['nosuch/x'] }] },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigFileError);
    const message = (failure as Error).message;
    expect(message).toContain('forms a cycle');
    expect(message).toContain("combo 'c' models[0] 'nosuch/x'");
  });

  it('refuses an unknown strategy naming the field', async () => {
    const failure = await startTestGateway({ config: { providers, combos: [{ name: 'a', strategy: 'fastest' as never, models: ['p/x'] }] } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigFileError);
    expect((failure as Error).message).toContain('combos[0].strategy');
  });

  it('is applied idempotently: a combo removed from the file is removed, admin-made ones stay', async () => {
    gw = await startTestGateway({ config: { providers, combos: [{ name: 'keep', models: ['p/x'] }, { name: 'drop', models: ['p/y'] }], aliases: [{ pattern: 'fast', target: 'p/x' }] } });
    const { ctx } = gw.gateway;
    await ctx.store.combos.upsert({ name: 'by-admin', strategy: 'priority', models: [{ model: 'p/z', weight: 1 }], enabled: true, source: 'admin' });
    const { dataDir } = gw;
    await gw.gateway.close();
    gw = await startTestGateway({ dataDir, config: { providers, combos: [{ name: 'keep', strategy: 'random', models: ['p/x'] }] } });
    const combos = await gw.gateway.ctx.store.combos.list();
    expect(combos.map((c) => `${c.name}:${c.strategy}`)).toEqual(['by-admin:priority', 'keep:random']);
    expect(await gw.gateway.ctx.store.aliases.list()).toEqual([]);
    expect(gw.gateway.ctx.routing.table().combo('keep')?.strategy).toBe('random');
    await gw.close();
    gw = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });
});
