import type { WireFormat } from '../wire-format.js';
import { anthropicMessagesInspector } from './anthropic-messages-inspector.js';
import { geminiInspector } from './gemini-inspector.js';
import { openAiChatInspector } from './openai-chat-inspector.js';
import { openAiResponsesInspector } from './openai-responses-inspector.js';
import type { PassThroughInspector } from './pass-through-inspector.js';

const INSPECTORS: Record<WireFormat, PassThroughInspector> = {
  'openai-chat': openAiChatInspector,
  'openai-responses': openAiResponsesInspector,
  'anthropic-messages': anthropicMessagesInspector,
  gemini: geminiInspector,
};

export function passThroughInspectorFor(format: WireFormat): PassThroughInspector {
  return INSPECTORS[format];
}
