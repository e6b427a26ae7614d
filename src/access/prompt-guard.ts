/** What the prompt-injection guard does on a match. */
export type PromptGuardMode = 'block' | 'flag';

export interface PromptGuardSettings {
  mode: PromptGuardMode;
  /** Regular expressions (case-insensitive) tested against the user's text. */
  patterns: string[];
}

function textsOf(content: unknown, out: string[]): void {
  if (typeof content === 'string') {
    out.push(content);
    return;
  }
  if (!Array.isArray(content)) return;
  for (const part of content) {
    if (typeof part === 'string') out.push(part);
    else if (part !== null && typeof part === 'object') {
      const text = (part as { text?: unknown }).text;
      if (typeof text === 'string') out.push(text);
    }
  }
}

/**
 * The text the user wrote, in any of the four formats: chat / Anthropic `messages[role=user]`,
 * Responses `input` (a string or user items), Gemini `contents[role=user|absent].parts`. System
 * prompts and tool results are the operator's and the tools' words, not the user's, and are skipped.
 */
export function userTextOf(body: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (typeof body.input === 'string') out.push(body.input);
  for (const field of ['messages', 'input', 'contents'] as const) {
    const list = body[field];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (item === null || typeof item !== 'object') continue;
      const entry = item as { role?: unknown; content?: unknown; parts?: unknown };
      const isUser = entry.role === 'user' || (field === 'contents' && entry.role === undefined);
      if (!isUser) continue;
      textsOf(entry.content, out);
      textsOf(entry.parts, out);
    }
  }
  return out;
}

export interface PromptGuard {
  mode: PromptGuardMode;
  /** The first pattern (as configured) that matches the user's text, if any. */
  match(body: Record<string, unknown>): string | undefined;
}

export function createPromptGuard(settings: PromptGuardSettings): PromptGuard {
  const compiled = settings.patterns.map((pattern) => ({ pattern, re: new RegExp(pattern, 'i') }));
  return {
    mode: settings.mode,
    match(body) {
      const texts = userTextOf(body);
      for (const { pattern, re } of compiled) if (texts.some((text) => re.test(text))) return pattern;
      return undefined;
    },
  };
}

/** For config validation. */
export function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}
