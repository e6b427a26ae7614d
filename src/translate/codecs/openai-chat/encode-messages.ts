import type {
  CanonicalMessage,
  ContentPart,
  FilePart,
  ImagePart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { urlFromSource } from '../../data-url.js';

type WireMessage = Record<string, unknown>;

/** Canonical system + messages → the OpenAI `messages` array. */
export function encodeMessages(system: TextPart[], messages: CanonicalMessage[]): WireMessage[] {
  const encoded: WireMessage[] = [];
  if (system.length > 0) encoded.push({ role: 'system', content: encodeTextContent(system) });
  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    if (message.role === 'assistant') {
      const assistant = encodeAssistant(message);
      if (assistant) encoded.push(assistant);
      return;
    }
    // Tool results may sit in any message (Anthropic puts them in user turns); OpenAI wants one
    // `tool` message per result, before the rest of that turn.
    const results = message.content.filter((part): part is ToolResultPart => part.type === 'tool_result');
    for (const result of results) encoded.push(...encodeToolResult(result));
    const rest = message.content.filter((part) => part.type !== 'tool_result');
    if (rest.length === 0) return;
    const user: WireMessage = { role: 'user', content: encodeUserContent(rest, path) };
    if (message.name !== undefined) user.name = message.name;
    encoded.push(user);
  });
  return encoded;
}

/** A single text part stays a plain string (what every client sends); several become text parts. */
function encodeTextContent(parts: TextPart[]): string | Array<{ type: 'text'; text: string }> {
  if (parts.length === 1 && parts[0]) return parts[0].text;
  return parts.map((part) => ({ type: 'text', text: part.text }));
}

function encodeUserContent(parts: ContentPart[], path: string): string | Array<Record<string, unknown>> {
  const wire: Array<Record<string, unknown>> = [];
  let allText = true;
  parts.forEach((part, index) => {
    const partPath = `${path}.content[${index}]`;
    switch (part.type) {
      case 'text':
        wire.push({ type: 'text', text: part.text });
        return;
      case 'image':
        allText = false;
        wire.push(encodeImage(part));
        return;
      case 'file':
        allText = false;
        wire.push(encodeFile(part, partPath));
        return;
      // Reasoning and tool calls have no place in a user turn of this format.
      default:
        return;
    }
  });
  if (allText && wire.length === 1 && typeof wire[0]?.text === 'string') return wire[0].text;
  return wire;
}

function encodeImage(part: ImagePart): Record<string, unknown> {
  const imageUrl: Record<string, unknown> = { url: urlFromSource(part.source) };
  if (part.detail !== undefined) imageUrl.detail = part.detail;
  return { type: 'image_url', image_url: imageUrl };
}

const AUDIO_FORMATS: Record<string, string> = { 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/mp3': 'mp3', 'audio/mpeg': 'mp3' };

function encodeFile(part: FilePart, path: string): Record<string, unknown> {
  if (part.source.kind !== 'base64') {
    throw new TranslationError('OpenAI chat cannot reference a file by URL; send it inline', path);
  }
  const audioFormat = AUDIO_FORMATS[part.source.mediaType];
  if (audioFormat !== undefined) {
    return { type: 'input_audio', input_audio: { data: part.source.data, format: audioFormat } };
  }
  const file: Record<string, unknown> = { file_data: urlFromSource(part.source) };
  if (part.filename !== undefined) file.filename = part.filename;
  return { type: 'file', file };
}

/**
 * Reasoning is not sent back: the Chat Completions request schema has no field for it (DeepSeek
 * even rejects `reasoning_content` in input). Opaque state of any origin is therefore dropped too.
 */
function encodeAssistant(message: CanonicalMessage): WireMessage | undefined {
  const texts = message.content.filter((part): part is TextPart => part.type === 'text');
  const calls = message.content.filter((part): part is ToolCallPart => part.type === 'tool_call');
  if (texts.length === 0 && calls.length === 0) return undefined;
  const assistant: WireMessage = { role: 'assistant', content: texts.length > 0 ? encodeTextContent(texts) : null };
  if (calls.length > 0) {
    assistant.tool_calls = calls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  if (message.name !== undefined) assistant.name = message.name;
  return assistant;
}

/**
 * OpenAI tool messages carry text only; images a tool returned follow in a user message so the
 * model still sees them.
 */
function encodeToolResult(result: ToolResultPart): WireMessage[] {
  const texts = result.content.filter((part): part is TextPart => part.type === 'text');
  const images = result.content.filter((part): part is ImagePart => part.type === 'image');
  const wire: WireMessage[] = [
    { role: 'tool', tool_call_id: result.toolCallId, content: texts.length > 0 ? encodeTextContent(texts) : '' },
  ];
  if (images.length > 0) wire.push({ role: 'user', content: images.map(encodeImage) });
  return wire;
}
