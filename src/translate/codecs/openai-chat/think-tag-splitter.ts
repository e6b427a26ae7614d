/** One run of content classified by the `<think>` splitter. */
export interface ThinkSegment {
  kind: 'reasoning' | 'text';
  text: string;
}

const OPEN = '<think>';
const CLOSE = '</think>';

type Mode = 'leading' | 'reasoning' | 'after-reasoning' | 'text';

/** Length of the longest suffix of `text` that is a proper prefix of `tag` (a tag split over chunks). */
function partialTagSuffix(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length -= 1) {
    if (tag.startsWith(text.slice(text.length - length))) return length;
  }
  return 0;
}

/**
 * Splits raw DeepSeek-R1-style content, where reasoning arrives inline as `<think>…</think>` at the
 * start, into reasoning and answer text. Works chunk by chunk: a tag split across deltas is held
 * back until it can be recognised, and only whitespace or a partial tag is ever held. Whitespace
 * around the reasoning and at the start of the answer is dropped (it is template padding).
 * Only a `<think>` at the very start counts: later occurrences are ordinary text.
 */
export class ThinkTagSplitter {
  private mode: Mode = 'leading';
  private pending = '';
  private reasoningStarted = false;

  push(chunk: string): ThinkSegment[] {
    const segments: ThinkSegment[] = [];
    let input = this.pending + chunk;
    this.pending = '';
    // Each pass consumes input or switches mode; the loop ends when input is used up or held back.
    while (input.length > 0) {
      if (this.mode === 'text') {
        segments.push({ kind: 'text', text: input });
        return segments;
      }
      if (this.mode === 'leading') {
        const trimmed = input.trimStart();
        if (trimmed.startsWith(OPEN)) {
          this.mode = 'reasoning';
          input = trimmed.slice(OPEN.length);
          continue;
        }
        if (trimmed.length === 0 || OPEN.startsWith(trimmed)) {
          this.pending = input;
          return segments;
        }
        this.mode = 'text';
        continue;
      }
      if (this.mode === 'after-reasoning') {
        const trimmed = input.trimStart();
        if (trimmed.length === 0) return segments;
        this.mode = 'text';
        input = trimmed;
        continue;
      }
      // mode === 'reasoning'
      if (!this.reasoningStarted) {
        input = input.trimStart();
        if (input.length === 0) return segments;
      }
      const close = input.indexOf(CLOSE);
      if (close >= 0) {
        this.emitReasoning(segments, input.slice(0, close).trimEnd());
        this.mode = 'after-reasoning';
        input = input.slice(close + CLOSE.length);
        continue;
      }
      const held = partialTagSuffix(input, CLOSE);
      const emittable = input.slice(0, input.length - held);
      const emitNow = emittable.trimEnd();
      this.pending = emittable.slice(emitNow.length) + input.slice(input.length - held);
      this.emitReasoning(segments, emitNow);
      return segments;
    }
    return segments;
  }

  /** The content ended: whatever was held back is flushed (an unclosed `<think>` stays reasoning). */
  end(): ThinkSegment[] {
    const rest = this.pending;
    this.pending = '';
    if (rest.length === 0) return [];
    if (this.mode === 'reasoning') {
      const text = rest.trim();
      return text ? [{ kind: 'reasoning', text }] : [];
    }
    if (this.mode === 'leading') return [{ kind: 'text', text: rest }];
    return [];
  }

  private emitReasoning(segments: ThinkSegment[], text: string): void {
    if (text.length === 0) return;
    this.reasoningStarted = true;
    segments.push({ kind: 'reasoning', text });
  }
}

/** Whole-content form of the splitter (non-streaming responses). */
export function extractThinkTags(content: string): { reasoning?: string; text: string } {
  const splitter = new ThinkTagSplitter();
  const segments = [...splitter.push(content), ...splitter.end()];
  let reasoning: string | undefined;
  let text = '';
  for (const segment of segments) {
    if (segment.kind === 'reasoning') reasoning = (reasoning ?? '') + segment.text;
    else text += segment.text;
  }
  return reasoning === undefined ? { text } : { reasoning, text };
}
