import type OpenAI from 'openai';
import { parseArguments, type ClientReading } from './semantic-summary.js';
import { openAiChatUsage, splitThinkTags } from './summarise-openai-chat.js';

type Completion = OpenAI.Chat.Completions.ChatCompletion;
type Chunk = OpenAI.Chat.Completions.ChatCompletionChunk;

/** Reasoning rides in `reasoning_content` (what DeepSeek clients read) or inline `<think>` tags. */
function reading(content: string, reasoningContent: string, calls: Array<{ name: string; args: string }>, stop: string | null, usage: unknown): ClientReading {
  const split = splitThinkTags(content);
  const reasoning = [reasoningContent, split.reasoning ?? ''].filter((text) => text !== '');
  const result: ClientReading = { text: split.text, reasoning, toolCalls: calls.map((call) => ({ name: call.name, args: parseArguments(call.args) })), stop };
  const total = openAiChatUsage(usage);
  if (total) result.usage = total;
  return result;
}

export function readChatCompletion(data: Completion): ClientReading {
  const choice = data.choices[0]!;
  const message = choice.message as Completion['choices'][number]['message'] & { reasoning_content?: string };
  const calls = (message.tool_calls ?? []).map((call) => {
    if (call.type !== 'function') throw new Error(`unexpected tool call type ${call.type}`);
    return { name: call.function.name, args: call.function.arguments };
  });
  return reading(message.content ?? '', message.reasoning_content ?? '', calls, choice.finish_reason, data.usage);
}

/** Assembled the way the SDK documents it: fragments keyed by `index`, each carrying one. */
export function readChatChunks(chunks: Chunk[]): ClientReading {
  let content = '';
  let reasoning = '';
  let stop: string | null = null;
  let usage: unknown;
  const calls: Array<{ name: string; args: string }> = [];
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      const delta = choice.delta as Chunk['choices'][number]['delta'] & { reasoning_content?: string | null };
      content += delta.content ?? '';
      reasoning += delta.reasoning_content ?? '';
      for (const call of delta.tool_calls ?? []) {
        if (typeof call.index !== 'number') throw new Error('tool call delta without index');
        const slot = (calls[call.index] ??= { name: '', args: '' });
        if (call.function?.name) slot.name = call.function.name;
        slot.args += call.function?.arguments ?? '';
      }
      if (choice.finish_reason) stop = choice.finish_reason;
    }
  }
  return reading(content, reasoning, calls, stop, usage);
}
