import { emptySummary, parseArguments, type SemanticSummary, type ToolCallSummary, type UsageSummary } from './semantic-summary.js';
import type { SsePayload } from './sse-payloads.js';

export function openAiResponsesUsage(raw: any): UsageSummary | undefined {
  if (!raw || typeof raw.input_tokens !== 'number' || typeof raw.output_tokens !== 'number') return undefined;
  const usage: UsageSummary = { inputTokens: raw.input_tokens, outputTokens: raw.output_tokens };
  const cached = raw.input_tokens_details?.cached_tokens;
  if (typeof cached === 'number') usage.cachedInputTokens = cached;
  const written = raw.input_tokens_details?.cache_write_tokens;
  if (typeof written === 'number') usage.cacheWriteTokens = written;
  const reasoning = raw.output_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') usage.reasoningTokens = reasoning;
  return usage;
}

/** A finished response: `incomplete` says why; otherwise tool calls decide between the two ends. */
function stopOf(response: any, hasToolCalls: boolean): SemanticSummary['stopReason'] {
  if (response?.status === 'incomplete') {
    return response.incomplete_details?.reason === 'content_filter' ? 'content_filter' : 'max_tokens';
  }
  return hasToolCalls ? 'tool_use' : 'end_turn';
}

/** Each summary part and each raw reasoning_text part is one reasoning block; a bare encrypted item is ''. */
function reasoningBlocks(item: any): string[] {
  const parts = [...(item.summary ?? []), ...(item.content ?? [])].map((part: any) => String(part.text ?? ''));
  return parts.length > 0 ? parts : [''];
}

export function summariseOpenAiResponsesResponse(body: any): SemanticSummary {
  const summary: SemanticSummary = emptySummary();
  for (const item of body.output ?? []) {
    if (item.type === 'message') {
      for (const part of item.content ?? []) if (part.type === 'output_text') summary.text += part.text;
    } else if (item.type === 'reasoning') summary.reasoning.push(...reasoningBlocks(item));
    else if (item.type === 'function_call') summary.toolCalls.push({ name: item.name, args: parseArguments(item.arguments ?? '') });
  }
  summary.stopReason = stopOf(body, summary.toolCalls.length > 0);
  const usage = openAiResponsesUsage(body.usage);
  if (usage) summary.usage = usage;
  return summary;
}

/** Read from the deltas (what a streaming client sees), with the terminal event's status and usage. */
export function summariseOpenAiResponsesStream(events: SsePayload[]): SemanticSummary {
  const summary: SemanticSummary = emptySummary();
  const reasoningByPart = new Map<string, number>();
  const reasoningItems = new Set<number>();
  const calls = new Map<number, { name: string; args: string }>();
  let final: any;
  for (const { data } of events) {
    switch (data.type) {
      case 'response.output_text.delta':
        summary.text += data.delta;
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta': {
        const key = `${data.output_index}/${data.type}/${data.summary_index ?? data.content_index}`;
        let slot = reasoningByPart.get(key);
        if (slot === undefined) {
          slot = summary.reasoning.push('') - 1;
          reasoningByPart.set(key, slot);
        }
        summary.reasoning[slot] += data.delta;
        reasoningItems.add(data.output_index);
        break;
      }
      case 'response.output_item.added':
        if (data.item.type === 'function_call') calls.set(data.output_index, { name: data.item.name, args: '' });
        break;
      case 'response.function_call_arguments.delta': {
        const call = calls.get(data.output_index);
        if (call) call.args += data.delta;
        break;
      }
      case 'response.output_item.done':
        if (data.item.type === 'reasoning' && !reasoningItems.has(data.output_index)) summary.reasoning.push('');
        break;
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed':
        final = data.response;
        break;
    }
  }
  const toolCalls: ToolCallSummary[] = [...calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => ({ name: call.name, args: parseArguments(call.args) }));
  summary.toolCalls = toolCalls;
  summary.stopReason = stopOf(final, toolCalls.length > 0);
  const usage = openAiResponsesUsage(final?.usage);
  if (usage) summary.usage = usage;
  return summary;
}
