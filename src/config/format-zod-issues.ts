import type { z } from 'zod';

/** `connections[1].apiKey: expected string` — the field path first, so the fix is obvious. */
export function formatZodIssues(error: z.ZodError, root = ''): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>((acc, key) => {
      if (typeof key === 'number') return `${acc}[${key}]`;
      return acc ? `${acc}.${String(key)}` : String(key);
    }, root);
    return `${path || '(root)'}: ${issue.message}`;
  });
}
