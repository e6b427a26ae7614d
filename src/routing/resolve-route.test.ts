import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { createProviderRegistry } from '../providers/provider-registry.js';
import { checkCombos } from './check-combos.js';
import { resolveRoute } from './resolve-route.js';
import { createRoutingTable } from './routing-table.js';
import { account, combo, provider } from './test-support/routing-fixture.js';

const registry = createProviderRegistry({ catalog: [], customProviders: [provider('cc'), provider('glm'), provider('openrouter')], connections: [account('cc', 'a')] });

function describeNode(name: string, table = createRoutingTable({ combos: [], aliases: [] })): string {
  const node = resolveRoute(registry, table, name);
  return node.kind === 'combo' ? `combo:${node.combo.name}` : `${node.provider.id}/${node.model}`;
}

describe('model resolution order', () => {
  const table = createRoutingTable({
    combos: [combo('coding', ['cc/claude-opus-4-6', 'glm/glm-4.7']), combo('glm/glm-4.7-combo', ['glm/glm-4.7']), combo('off', ['glm/x'], 'priority', { enabled: false })],
    aliases: [
      { pattern: 'fast', target: 'glm/glm-4.7' },
      { pattern: 'coding', target: 'glm/should-not-win' },
      { pattern: 'claude-sonnet-*', target: 'cc/claude-sonnet-4-5-20250929' },
      { pattern: 'gpt-?', target: 'openrouter/openai/gpt-5' },
      { pattern: 'or-*', target: 'openrouter/*' },
      { pattern: 'oai/*', target: 'openrouter/openai/*' },
      { pattern: 'glm/*', target: 'openrouter/should-not-win/*' },
      { pattern: 'loop-a', target: 'loop-b' },
      { pattern: 'loop-b', target: 'loop-a' },
    ],
  });

  it('1. a combo name, exactly or as combo/<name>, wins over an alias of the same name', () => {
    expect(describeNode('coding', table)).toBe('combo:coding');
    expect(describeNode('combo/coding', table)).toBe('combo:coding');
  });

  it('2-3. exact alias, then wildcard alias (* and ?), carrying over what * matched', () => {
    expect(describeNode('fast', table)).toBe('glm/glm-4.7');
    expect(describeNode('claude-sonnet-latest', table)).toBe('cc/claude-sonnet-4-5-20250929');
    expect(describeNode('gpt-5', table)).toBe('openrouter/openai/gpt-5');
    expect(describeNode('or-meta/llama-3', table)).toBe('openrouter/meta/llama-3');
  });

  it('4-5. <prefix>/<model> of a real provider wins over a provider/* route, which serves unknown prefixes', () => {
    expect(describeNode('glm/glm-4.7', table)).toBe('glm/glm-4.7');
    expect(describeNode('oai/gpt-5-mini', table)).toBe('openrouter/openai/gpt-5-mini');
    expect(describeNode('openrouter/anthropic/claude-x', table)).toBe('openrouter/anthropic/claude-x');
  });

  it('otherwise 404 model_not_found, saying how to address models; alias loops and disabled combos too', () => {
    for (const name of ['nothing', 'nosuch/model', 'loop-a', 'off']) {
      let error: unknown;
      try {
        describeNode(name, table);
      } catch (caught) {
        error = caught;
      }
      expect(error, name).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).status).toBe(404);
      expect((error as GatewayError).message).toContain('GET /v1/models');
    }
  });
});

describe('combo graph checks', () => {
  it('reports cycles, unknown entries and nesting beyond the depth limit, naming the combo', () => {
    const table = createRoutingTable({
      combos: [
        combo('a', ['b']),
        combo('b', ['a']),
        combo('bad', ['nosuch/model']),
        combo('d1', ['d2']),
        combo('d2', ['d3']),
        combo('d3', ['d4']),
        combo('d4', ['d5']),
        combo('d5', ['glm/x']),
        combo('fine', ['glm/x', 'd4']),
      ],
      aliases: [],
    });
    const problems = checkCombos(registry, table).join('\n');
    expect(problems).toContain('forms a cycle: a → b → a');
    expect(problems).toContain("combo 'bad' models[0] 'nosuch/model'");
    expect(problems).toContain("combo 'd1' nests combos 5 levels deep; the limit is 4");
    expect(problems).not.toContain("'fine'");
  });
});
