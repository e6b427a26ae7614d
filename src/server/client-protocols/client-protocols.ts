import type { WireFormat } from '../../translate/wire-format.js';
import { anthropicMessagesClient } from './anthropic-messages-client.js';
import type { ClientProtocol } from './client-protocol.js';
import { geminiClient } from './gemini-client.js';
import { openAiChatClient } from './openai-chat-client.js';
import { openAiResponsesClient } from './openai-responses-client.js';

const PROTOCOLS: Record<WireFormat, ClientProtocol> = {
  'openai-chat': openAiChatClient,
  'openai-responses': openAiResponsesClient,
  'anthropic-messages': anthropicMessagesClient,
  gemini: geminiClient,
};

export function clientProtocolFor(format: WireFormat): ClientProtocol {
  return PROTOCOLS[format];
}
