import { describe, expect, it } from 'vitest';
import { configFileSchema } from './config-file-schema.js';
import { formatZodIssues } from './format-zod-issues.js';

function problems(config: unknown): string[] {
  const result = configFileSchema.safeParse(config);
  return result.success ? [] : formatZodIssues(result.error);
}

describe('usage keys of the config file (pricing, budgets, connection quotas)', () => {
  it('accepts the documented shapes', () => {
    expect(
      problems({
        pricing: [{ provider: 'openai', model: 'gpt-5', input: 1.25, output: 10, cachedInput: 0.125 }],
        budgets: [
          { apiKey: 'ci', daily: 5, alertAt: 0.9 },
          { provider: 'anthropic', monthly: 200, policy: 'downgrade' },
        ],
        connections: [{ provider: 'claude', name: 'pro', quota: { window: 'daily', resetAt: '07:30', requests: 500, tokens: 2_000_000 } }],
      }),
    ).toEqual([]);
  });

  it('names the field at fault', () => {
    expect(problems({ pricing: [{ provider: 'openai', model: 'gpt-5', input: -1, output: 10 }] }).join('\n')).toContain('pricing[0].input');
    expect(problems({ budgets: [{ apiKey: 'ci' }] }).join('\n')).toContain('set daily, weekly or monthly');
    expect(problems({ budgets: [{ daily: 5 }] }).join('\n')).toContain('set apiKey or provider');
    expect(problems({ budgets: [{ provider: 'x', daily: 5, policy: 'ask' }] }).join('\n')).toContain('budgets[0].policy');
    expect(problems({ connections: [{ provider: 'claude', name: 'pro', quota: { window: '5h' } }] }).join('\n')).toContain('set requests or tokens');
    expect(problems({ connections: [{ provider: 'claude', name: 'pro', quota: { window: 'daily', resetAt: '25:00', requests: 1 } }] }).join('\n')).toContain('connections[0].quota.resetAt');
    expect(problems({ connections: [{ provider: 'claude', name: 'pro', quota: { window: 'weekly', resetAt: '08:00', requests: 1 } }] }).join('\n')).toContain('resetAt applies to daily windows only');
  });
});
