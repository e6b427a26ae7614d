import { describe, expect, it } from 'vitest';
import { sessionKeyOf } from './session-key.js';

describe('session key of a conversation', () => {
  it('an explicit session header or field wins', () => {
    expect(sessionKeyOf('openai-chat', { 'x-session-id': 's1' }, { messages: [] })).toBe('h:s1');
    expect(sessionKeyOf('openai-responses', { session_id: 'codex-1' }, { input: 'x' })).toBe('h:codex-1');
    expect(sessionKeyOf('anthropic-messages', {}, { metadata: { user_id: 'user_abc_session_123' }, messages: [] })).toBe('u:user_abc_session_123');
    expect(sessionKeyOf('openai-responses', {}, { prompt_cache_key: 'k1', input: 'x' })).toBe('c:k1');
  });

  it('otherwise the same system prompt and first user turn give the same key on every later turn', () => {
    const turn1 = { messages: [{ role: 'system', content: 'be terse' }, { role: 'user', content: 'hello' }] };
    const turn2 = { messages: [...turn1.messages, { role: 'assistant', content: 'hi' }, { role: 'user', content: 'more' }] };
    const other = { messages: [{ role: 'system', content: 'be terse' }, { role: 'user', content: 'another topic' }] };
    const k1 = sessionKeyOf('openai-chat', {}, turn1);
    expect(k1).toMatch(/^r:/);
    expect(sessionKeyOf('openai-chat', {}, turn2)).toBe(k1);
    expect(sessionKeyOf('openai-chat', {}, other)).not.toBe(k1);
    const anthropic1 = { system: 'sys', messages: [{ role: 'user', content: 'q' }] };
    expect(sessionKeyOf('anthropic-messages', {}, { ...anthropic1, messages: [...anthropic1.messages, { role: 'assistant', content: 'a' }] })).toBe(sessionKeyOf('anthropic-messages', {}, anthropic1));
    expect(sessionKeyOf('gemini', {}, { contents: [{ role: 'user', parts: [{ text: 'q' }] }] })).toMatch(/^r:/);
  });

  it('a legacy completions call is keyed by its prompt', () => {
    const key = sessionKeyOf('openai-completions', {}, { model: 'm', prompt: 'def fib(n):', max_tokens: 10 });
    expect(key).toMatch(/^r:/);
    expect(sessionKeyOf('openai-completions', {}, { model: 'm', prompt: 'def fib(n):', temperature: 0 })).toBe(key);
    expect(sessionKeyOf('openai-completions', {}, { model: 'm', prompt: 'def fact(n):' })).not.toBe(key);
    expect(sessionKeyOf('openai-completions', {}, { model: 'm' })).toBeUndefined();
  });
});
