/** True when the string uses `*` or `?` wildcards. */
export function isGlob(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/**
 * `*` matches any run of characters (slashes included: model ids contain them), `?` one
 * character; everything else is literal. Each `*` is a capture group so a target can reuse it.
 */
export function compileGlob(pattern: string): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '*') source += '(.*)';
    else if (char === '?') source += '.';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Replaces each `*` of `target` with the matching capture, in order; extra `*`s take the last one. */
export function substituteCaptures(target: string, captures: ReadonlyArray<string>): string {
  if (!target.includes('*')) return target;
  let index = 0;
  return target.replace(/\*/g, () => captures[Math.min(index++, captures.length - 1)] ?? '');
}
