/** Counts the tokens of a piece of text. */
export type TokenCounter = (text: string) => number;

let loading: Promise<TokenCounter> | undefined;

/**
 * The o200k_base tokenizer (gpt-tokenizer), loaded on first use and kept: importing it costs
 * ~200 ms and ~40 MB, which a gateway whose clients never ask to count should not pay at boot.
 * Special-token markers in user text (`<|endoftext|>`) are counted as plain text, never refused.
 */
export function loadTokenCounter(): Promise<TokenCounter> {
  loading ??= import('gpt-tokenizer/encoding/o200k_base').then(({ countTokens }) => {
    const options = { disallowedSpecial: new Set<string>() };
    return (text: string) => (text === '' ? 0 : countTokens(text, options));
  });
  return loading;
}
