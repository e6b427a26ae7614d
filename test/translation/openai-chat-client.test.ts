import OpenAI from 'openai';
import { openAiSchemaErrors } from '../../src/translate/codecs/openai-chat/test-support/openai-schema.js';
import { describeClientMatrix } from './support/describe-client-matrix.js';
import { readChatChunks, readChatCompletion } from './support/read-openai-chat-client.js';
import { SYSTEM, TOOL, USER } from './support/sample-request.js';

const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
  { role: 'system', content: SYSTEM },
  { role: 'user', content: USER },
];
const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [{ type: 'function', function: TOOL }];

describeClientMatrix({
  format: 'openai-chat',
  sdk: 'official openai SDK',
  connect: (url) => new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 }),
  complete: (client, model) => client.chat.completions.create({ model, messages, tools }),
  async stream(client, model) {
    const events = await client.chat.completions.create({ model, messages, tools, stream: true, stream_options: { include_usage: true } });
    return { events, read: readChatChunks };
  },
  responseErrors: (data) => openAiSchemaErrors('CreateChatCompletionResponse', data),
  eventErrors: (chunk) => openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk),
  read: readChatCompletion,
  errorClass: OpenAI.APIError,
  errorStatus: (error: InstanceType<typeof OpenAI.APIError>) => error.status,
  errorBodyErrors: (error) => openAiSchemaErrors('ErrorResponse', { error: error.error }),
  errorMessage: (error) => error.message,
});
