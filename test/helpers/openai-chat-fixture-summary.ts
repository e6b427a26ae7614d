import type { FixtureCase } from '../support/fixture-library.js';

export interface ChatSummary {
  content: string;
  reasoning: string;
  toolCalls: Array<{ id: string | undefined; name: string; arguments: string }>;
  finishReason: string | null;
  usage: { prompt_tokens: number; completion_tokens: number } | undefined;
}

/**
 * What a recorded OpenAI chat stream says, assembled the way a client assembles it: an
 * independent reading of the fixture that gateway output is compared with.
 */
export function summariseChatStream(fixture: FixtureCase): ChatSummary {
  const summary: ChatSummary = { content: '', reasoning: '', toolCalls: [], finishReason: null, usage: undefined };
  const text = fixture.streamRaw!.toString('utf8');
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '[DONE]') continue;
    const chunk = JSON.parse(data);
    if (chunk.usage) summary.usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      const delta = choice.delta ?? {};
      if (typeof delta.content === 'string') summary.content += delta.content;
      if (typeof delta.reasoning_content === 'string') summary.reasoning += delta.reasoning_content;
      for (const call of delta.tool_calls ?? []) {
        const slot = (summary.toolCalls[call.index] ??= { id: undefined, name: '', arguments: '' });
        slot.id ??= call.id;
        if (call.function?.name) slot.name = call.function.name;
        slot.arguments += call.function?.arguments ?? '';
      }
      if (choice.finish_reason) summary.finishReason = choice.finish_reason;
    }
  }
  return summary;
}
