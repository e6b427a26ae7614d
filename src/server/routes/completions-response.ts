/**
 * Chat Completions answers → legacy `text_completion` answers. Only the shape changes: ids,
 * timestamps, model and usage are the upstream's own.
 */
type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Completions knows only these; a tool call (the model wanted a tool it was never offered) ended the text. */
function finishReason(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value === 'length' || value === 'content_filter' ? value : 'stop';
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function envelope(source: Json, choices: Json[]): Json {
  const out: Json = { id: source.id, object: 'text_completion', created: source.created, model: source.model, choices };
  if (source.system_fingerprint !== undefined) out.system_fingerprint = source.system_fingerprint;
  if (source.usage !== undefined) out.usage = source.usage;
  return out;
}

/** A `chat.completion` object → a `text_completion` object; anything else → undefined. */
export function toTextCompletion(chat: unknown): Json | undefined {
  if (!isRecord(chat) || chat.object !== 'chat.completion' || !Array.isArray(chat.choices)) return undefined;
  const choices = chat.choices.filter(isRecord).map((choice, i) => ({
    text: textOf(isRecord(choice.message) ? choice.message.content : undefined),
    index: typeof choice.index === 'number' ? choice.index : i,
    logprobs: null,
    finish_reason: finishReason(choice.finish_reason),
  }));
  return envelope(chat, choices);
}

/**
 * A `chat.completion.chunk` → a `text_completion` stream chunk. Chunks that carry nothing a
 * completions client can see (the role-only opener, reasoning or tool-call deltas) → null, to
 * be skipped. Anything that is not a chunk (an error event) → undefined, to be passed on as is.
 */
export function toTextCompletionChunk(chunk: unknown): Json | null | undefined {
  if (!isRecord(chunk) || chunk.object !== 'chat.completion.chunk' || !Array.isArray(chunk.choices)) return undefined;
  const choices: Json[] = [];
  for (const [i, choice] of chunk.choices.filter(isRecord).entries()) {
    const text = textOf(isRecord(choice.delta) ? choice.delta.content : undefined);
    const finish = finishReason(choice.finish_reason);
    if (text === '' && finish === null) continue;
    choices.push({ text, index: typeof choice.index === 'number' ? choice.index : i, logprobs: null, finish_reason: finish });
  }
  if (choices.length === 0 && !isRecord(chunk.usage)) return null;
  return envelope(chunk, choices);
}
