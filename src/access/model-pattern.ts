/**
 * Allowed-model patterns of a key: `*` matches any run of characters (slashes included), so
 * `openai/*` allows every OpenAI model and `claude-*` every bare `claude-…` name or combo.
 * Matching is on the model string the client sent, case-sensitively: an allow-list that errs
 * towards refusing.
 */
export type ModelMatcher = (model: string) => boolean;

function toRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** An empty list allows every model. */
export function compileModelPatterns(patterns: readonly string[]): ModelMatcher {
  if (patterns.length === 0) return () => true;
  const compiled = patterns.map(toRegExp);
  return (model) => compiled.some((re) => re.test(model));
}
