import type { StopReason } from '../../../src/translate/canonical/index.js';
import { emptySummary, parseArguments, type SemanticSummary, type UsageSummary } from './semantic-summary.js';
import type { SsePayload } from './sse-payloads.js';

/** OpenAI's arithmetic is the canonical one; DeepSeek reports cache hits under its own name. */
export function openAiChatUsage(raw: any): UsageSummary | undefined {
  if (!raw || typeof raw.prompt_tokens !== 'number' || typeof raw.completion_tokens !== 'number') return undefined;
  const usage: UsageSummary = { inputTokens: raw.prompt_tokens, outputTokens: raw.completion_tokens };
  const cached = raw.prompt_tokens_details?.cached_tokens ?? raw.prompt_cache_hit_tokens ?? raw.cached_tokens;
  if (typeof cached === 'number') usage.cachedInputTokens = cached;
  const reasoning = raw.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') usage.reasoningTokens = reasoning;
  return usage;
}

/**
 * DeepSeek-R1-style answers put the reasoning inline as a leading `<think>…</think>`; the
 * whitespace around it is template padding, not content.
 */
export function splitThinkTags(content: string): { reasoning?: string; text: string } {
  const match = /^\s*<think>([\s\S]*?)<\/think>\s*/.exec(content);
  if (!match) return { text: content };
  return { reasoning: (match[1] ?? '').trim(), text: content.slice(match[0].length) };
}

function reasoningField(source: any): string | undefined {
  if (typeof source?.reasoning_content === 'string') return source.reasoning_content;
  if (typeof source?.reasoning === 'string') return source.reasoning;
  return undefined;
}

export function stopFromFinishReason(finish: unknown, hasToolCalls: boolean): StopReason {
  if (finish === 'length') return 'max_tokens';
  if (finish === 'content_filter') return 'content_filter';
  if (finish === 'tool_calls' || hasToolCalls) return 'tool_use';
  return 'end_turn';
}

function finish(summary: SemanticSummary, content: string, reasoning: string, finishReason: unknown, usage: any): SemanticSummary {
  const split = splitThinkTags(content);
  summary.text = split.text;
  if (reasoning !== '') summary.reasoning.push(reasoning);
  if (split.reasoning !== undefined) summary.reasoning.push(split.reasoning);
  summary.stopReason = stopFromFinishReason(finishReason, summary.toolCalls.length > 0);
  summary.stopRecorded = typeof finishReason === 'string';
  const total = openAiChatUsage(usage);
  if (total) summary.usage = total;
  return summary;
}

export function summariseOpenAiChatResponse(body: any): SemanticSummary {
  const choice = body.choices?.[0] ?? {};
  const message = choice.message ?? {};
  const summary: SemanticSummary = emptySummary();
  for (const call of message.tool_calls ?? []) summary.toolCalls.push({ name: call.function.name, args: parseArguments(call.function.arguments ?? '') });
  return finish(summary, message.content ?? '', reasoningField(message) ?? '', choice.finish_reason, body.usage);
}

/** The usage as the stream reported it (the last chunk that carried one), unconverted. */
export function chatStreamUsage(events: SsePayload[]): Record<string, unknown> | undefined {
  return events.findLast(({ data }) => data.usage)?.data.usage;
}

/** Tool-call fragments are keyed by `index`; only the first usually carries the name. */
export function summariseOpenAiChatStream(events: SsePayload[]): SemanticSummary {
  const summary: SemanticSummary = emptySummary();
  const calls: Array<{ name: string; args: string }> = [];
  let content = '';
  let reasoning = '';
  let finishReason: unknown = null;
  for (const { data } of events) {
    for (const choice of data.choices ?? []) {
      const delta = choice.delta ?? {};
      if (typeof delta.content === 'string') content += delta.content;
      reasoning += reasoningField(delta) ?? '';
      for (const call of delta.tool_calls ?? []) {
        const slot = (calls[call.index] ??= { name: '', args: '' });
        if (call.function?.name) slot.name = call.function.name;
        slot.args += call.function?.arguments ?? '';
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  summary.toolCalls = calls.map((call) => ({ name: call.name, args: parseArguments(call.args) }));
  return finish(summary, content, reasoning, finishReason, chatStreamUsage(events));
}
