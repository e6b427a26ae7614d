import { anthropicMessagesCodec } from './codecs/anthropic-messages/index.js';
import { geminiCodec } from './codecs/gemini/index.js';
import { openaiChatCodec } from './codecs/openai-chat/index.js';
import { openaiCompletionsCodec } from './codecs/openai-completions/index.js';
import { openaiResponsesCodec } from './codecs/openai-responses/index.js';
import type { ClientCodec, Codec } from './codec.js';
import type { ClientFormat, WireFormat } from './wire-format.js';

const CODECS: Record<WireFormat, Codec> = {
  'openai-chat': openaiChatCodec,
  'openai-responses': openaiResponsesCodec,
  'anthropic-messages': anthropicMessagesCodec,
  gemini: geminiCodec,
};

const CLIENT_CODECS: Record<ClientFormat, ClientCodec> = { ...CODECS, 'openai-completions': openaiCompletionsCodec };

/** The whole codec of a format upstreams speak. */
export function codecFor(format: WireFormat): Codec {
  return CODECS[format];
}

/** The client-facing half of any format a client may speak. */
export function clientCodecFor(format: ClientFormat): ClientCodec {
  return CLIENT_CODECS[format];
}
