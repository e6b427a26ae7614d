import type { StopReason } from '../../../src/translate/canonical/index.js';
import { emptySummary, parseArguments, type SemanticSummary, type UsageSummary } from './semantic-summary.js';
import type { SsePayload } from './sse-payloads.js';

/** Anthropic's input_tokens leaves out cache reads and writes; the canonical input counts them. */
export function anthropicUsage(raw: any): UsageSummary | undefined {
  if (!raw || typeof raw.output_tokens !== 'number') return undefined;
  const cached = raw.cache_read_input_tokens ?? undefined;
  const written = raw.cache_creation_input_tokens ?? undefined;
  const usage: UsageSummary = {
    inputTokens: (raw.input_tokens ?? 0) + (cached ?? 0) + (written ?? 0),
    outputTokens: raw.output_tokens,
  };
  if (typeof cached === 'number') usage.cachedInputTokens = cached;
  if (typeof written === 'number') usage.cacheWriteTokens = written;
  const thinking = raw.output_tokens_details?.thinking_tokens;
  if (typeof thinking === 'number') usage.reasoningTokens = thinking;
  return usage;
}

function stopOf(value: unknown): StopReason {
  return (typeof value === 'string' ? value : 'end_turn') as StopReason;
}

export function summariseAnthropicResponse(body: any): SemanticSummary {
  const summary: SemanticSummary = { ...emptySummary(), stopReason: stopOf(body.stop_reason) };
  for (const block of body.content ?? []) {
    if (block.type === 'text') summary.text += block.text;
    else if (block.type === 'thinking') summary.reasoning.push(block.thinking);
    else if (block.type === 'redacted_thinking') summary.reasoning.push('');
    else if (block.type === 'tool_use') summary.toolCalls.push({ name: block.name, args: block.input });
  }
  const usage = anthropicUsage(body.usage);
  if (usage) summary.usage = usage;
  return summary;
}

/** message_delta.usage repeats cumulative counts, so later values replace earlier ones. */
export function summariseAnthropicStream(events: SsePayload[]): SemanticSummary {
  const summary: SemanticSummary = emptySummary();
  const blocks = new Map<number, { kind: string; reasoning?: number; tool?: { name: string; json: string } }>();
  let usage: Record<string, unknown> = {};
  for (const { data } of events) {
    switch (data.type) {
      case 'message_start':
        usage = { ...data.message.usage };
        break;
      case 'content_block_start': {
        const block = data.content_block;
        if (block.type === 'thinking' || block.type === 'redacted_thinking') {
          summary.reasoning.push(block.thinking ?? '');
          blocks.set(data.index, { kind: 'thinking', reasoning: summary.reasoning.length - 1 });
        } else if (block.type === 'tool_use') {
          blocks.set(data.index, { kind: 'tool', tool: { name: block.name, json: '' } });
        } else {
          if (block.type === 'text') summary.text += block.text ?? '';
          blocks.set(data.index, { kind: block.type });
        }
        break;
      }
      case 'content_block_delta': {
        const block = blocks.get(data.index);
        const delta = data.delta;
        if (delta.type === 'text_delta') summary.text += delta.text;
        else if (delta.type === 'thinking_delta' && block?.reasoning !== undefined) summary.reasoning[block.reasoning] += delta.thinking;
        else if (delta.type === 'input_json_delta' && block?.tool) block.tool.json += delta.partial_json;
        break;
      }
      case 'content_block_stop': {
        const tool = blocks.get(data.index)?.tool;
        if (tool) summary.toolCalls.push({ name: tool.name, args: parseArguments(tool.json) });
        break;
      }
      case 'message_delta':
        if (data.delta?.stop_reason) summary.stopReason = stopOf(data.delta.stop_reason);
        for (const [key, value] of Object.entries(data.usage ?? {})) if (value !== null) usage[key] = value;
        break;
    }
  }
  const total = anthropicUsage(usage);
  if (total) summary.usage = total;
  return summary;
}
