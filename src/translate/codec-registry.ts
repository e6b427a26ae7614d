import { anthropicMessagesCodec } from './codecs/anthropic-messages/index.js';
import { geminiCodec } from './codecs/gemini/index.js';
import { openaiChatCodec } from './codecs/openai-chat/index.js';
import { openaiResponsesCodec } from './codecs/openai-responses/index.js';
import type { Codec } from './codec.js';
import type { WireFormat } from './wire-format.js';

const CODECS: Record<WireFormat, Codec> = {
  'openai-chat': openaiChatCodec,
  'openai-responses': openaiResponsesCodec,
  'anthropic-messages': anthropicMessagesCodec,
  gemini: geminiCodec,
};

export function codecFor(format: WireFormat): Codec {
  return CODECS[format];
}
