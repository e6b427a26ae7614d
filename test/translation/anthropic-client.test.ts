import Anthropic from '@anthropic-ai/sdk';
import { expect } from 'vitest';
import { specValidator } from '../../src/translate/codecs/anthropic-messages/test-support/spec-validator.js';
import { describeClientMatrix } from './support/describe-client-matrix.js';
import { readMessage, readMessageEvents } from './support/read-anthropic-client.js';
import { SYSTEM, TOOL, USER } from './support/sample-request.js';

const params = (model: string) => ({
  model,
  max_tokens: 1024,
  system: SYSTEM,
  messages: [{ role: 'user' as const, content: USER }],
  tools: [{ name: TOOL.name, description: TOOL.description, input_schema: { ...TOOL.parameters, type: 'object' as const } }],
});

describeClientMatrix({
  format: 'anthropic-messages',
  sdk: 'official @anthropic-ai/sdk',
  connect: (url) => new Anthropic({ baseURL: url, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 }),
  complete: (client, model) => client.messages.create(params(model)),
  async stream(client, model) {
    const stream = client.messages.stream(params(model));
    return {
      events: stream,
      async read(events) {
        const reading = readMessageEvents(events);
        // The message the SDK assembled says the same as the events themselves.
        expect(readMessage(await stream.finalMessage())).toEqual(reading);
        return reading;
      },
    };
  },
  responseErrors: (message) => specValidator('Message')(message),
  eventErrors: (event) => specValidator('MessageStreamEvent')(event),
  read: readMessage,
  errorClass: Anthropic.APIError,
  errorStatus: (error: InstanceType<typeof Anthropic.APIError>) => error.status,
  errorBodyErrors: (error) => specValidator('ErrorResponse')(error.error),
  // The SDK keeps the Anthropic error body; its message JSON-escapes newlines, so read the body.
  errorMessage: (error) => (error.error as { error?: { message?: string } } | undefined)?.error?.message,
});
