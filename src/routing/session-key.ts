import { createHash } from 'node:crypto';
import type { ClientFormat } from '../translate/wire-format.js';

type Headers = Record<string, string | string[] | undefined>;

/** Headers coding tools send to name a conversation (Codex: `session_id`). */
const SESSION_HEADERS = ['x-omniroute-session', 'x-session-id', 'session_id', 'session-id', 'x-conversation-id'] as const;

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function headerValue(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.length > 0 && text.length <= 512 ? text : undefined;
}

/** The parts of a request that stay the same for a whole conversation: system prompt and first user turn. */
function conversationRoot(format: ClientFormat, body: Record<string, unknown>): unknown[] {
  switch (format) {
    case 'anthropic-messages': {
      const messages = Array.isArray(body.messages) ? body.messages : [];
      return [body.system, messages.find((m) => record(m)?.role === 'user')];
    }
    case 'openai-chat': {
      const messages = Array.isArray(body.messages) ? body.messages : [];
      const system = messages.filter((m) => ['system', 'developer'].includes(String(record(m)?.role)));
      return [system, messages.find((m) => record(m)?.role === 'user')];
    }
    case 'openai-responses': {
      const input = body.input;
      const first = Array.isArray(input) ? input.find((item) => record(item)?.role === 'user') : input;
      return [body.instructions, first];
    }
    case 'gemini': {
      const contents = Array.isArray(body.contents) ? body.contents : [];
      return [body.systemInstruction ?? body.system_instruction, contents.find((c) => record(c)?.role !== 'model')];
    }
    case 'openai-completions':
      // No turns: the prompt is the whole conversation, so a repeated prompt finds its warm cache.
      return [body.prompt];
  }
}

/**
 * A stable key for the conversation a request belongs to, so it can stay on one account and keep
 * the provider's prompt cache warm. An explicit session header or field wins; otherwise a hash of
 * the system prompt and first user turn, which every later turn of the conversation repeats.
 */
export function sessionKeyOf(format: ClientFormat, headers: Headers, body: Record<string, unknown>): string | undefined {
  for (const name of SESSION_HEADERS) {
    const value = headerValue(headers, name);
    if (value) return `h:${value}`;
  }
  // Claude Code puts its session id inside metadata.user_id; Codex sends prompt_cache_key.
  const userId = record(body.metadata)?.user_id;
  if (typeof userId === 'string' && userId.length > 0) return `u:${userId}`;
  if (typeof body.prompt_cache_key === 'string' && body.prompt_cache_key.length > 0) return `c:${body.prompt_cache_key}`;
  const root = conversationRoot(format, body);
  if (root.every((part) => part === undefined)) return undefined;
  return `r:${createHash('sha256').update(JSON.stringify(root)).digest('base64url').slice(0, 22)}`;
}
