import type { FixtureFormat } from './fixture-library.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a content value that is either a string or an array of typed parts. */
function contentText(content: unknown, partTypes: readonly string[]): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) =>
      isRecord(part) && typeof part['text'] === 'string' && partTypes.includes(String(part['type'] ?? 'text'))
        ? part['text']
        : '',
    )
    .join('');
}

function lastWithRole(items: unknown, role: string): Record<string, unknown> | undefined {
  if (!Array.isArray(items)) return undefined;
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item: unknown = items[i];
    if (isRecord(item) && item['role'] === role) return item;
  }
  return undefined;
}

/** The text of the last user turn of a request body, in the request's own format. */
export function lastUserText(format: FixtureFormat, body: unknown): string {
  if (!isRecord(body)) return '';
  switch (format) {
    case 'openai-chat':
      return contentText(lastWithRole(body['messages'], 'user')?.['content'], ['text']);
    case 'anthropic-messages':
      return contentText(lastWithRole(body['messages'], 'user')?.['content'], ['text']);
    case 'openai-responses': {
      const input = body['input'];
      if (typeof input === 'string') return input;
      return contentText(lastWithRole(input, 'user')?.['content'], ['input_text', 'text']);
    }
    case 'gemini': {
      const contents = body['contents'];
      if (!Array.isArray(contents)) return '';
      // Gemini lets single-turn requests omit `role`; treat a role-less turn as the user's.
      for (let i = contents.length - 1; i >= 0; i -= 1) {
        const turn: unknown = contents[i];
        if (isRecord(turn) && (turn['role'] === undefined || turn['role'] === 'user')) {
          return contentText(turn['parts'], ['text']);
        }
      }
      return '';
    }
  }
}

/** The model named in the body (OpenAI and Anthropic formats); Gemini names it in the path. */
export function bodyModel(body: unknown): string {
  return isRecord(body) && typeof body['model'] === 'string' ? body['model'] : '';
}

export function bodyWantsStream(body: unknown): boolean {
  return isRecord(body) && body['stream'] === true;
}

export function bodyIncludesUsage(body: unknown): boolean {
  const options = isRecord(body) ? body['stream_options'] : undefined;
  return isRecord(options) && options['include_usage'] === true;
}

/** A deliberately rough token estimate (~4 characters per token), never below 1. */
export function roughTokenCount(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
