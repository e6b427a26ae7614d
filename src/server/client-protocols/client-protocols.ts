import type { ClientFormat } from '../../translate/wire-format.js';
import { anthropicMessagesClient } from './anthropic-messages-client.js';
import type { ClientProtocol } from './client-protocol.js';
import { geminiClient } from './gemini-client.js';
import { openAiChatClient } from './openai-chat-client.js';
import { openAiCompletionsClient } from './openai-completions-client.js';
import { openAiResponsesClient } from './openai-responses-client.js';

const PROTOCOLS: Record<ClientFormat, ClientProtocol> = {
  'openai-chat': openAiChatClient,
  'openai-responses': openAiResponsesClient,
  'anthropic-messages': anthropicMessagesClient,
  gemini: geminiClient,
  'openai-completions': openAiCompletionsClient,
};

export function clientProtocolFor(format: ClientFormat): ClientProtocol {
  return PROTOCOLS[format];
}
