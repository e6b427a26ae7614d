import type { FixtureFormat } from '../fixture-library.js';
import type { MockReply } from '../mock-reply.js';
import { echoAnthropic } from './echo-anthropic.js';
import { echoGemini } from './echo-gemini.js';
import type { EchoInput } from './echo-input.js';
import { echoOpenAiChat } from './echo-openai-chat.js';
import { echoOpenAiResponses } from './echo-openai-responses.js';

/** A small, format-correct synthetic answer (`echo: <last user text>`) with usage. */
export function echoReply(format: FixtureFormat, input: EchoInput): MockReply {
  switch (format) {
    case 'openai-chat':
      return echoOpenAiChat(input);
    case 'openai-responses':
      return echoOpenAiResponses(input);
    case 'anthropic-messages':
      return echoAnthropic(input);
    case 'gemini':
      return echoGemini(input);
  }
}
