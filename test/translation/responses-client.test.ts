import OpenAI from 'openai';
import { expect } from 'vitest';
import { specErrors } from '../../src/translate/codecs/openai-responses/test-support/spec-validator.js';
import { describeClientMatrix } from './support/describe-client-matrix.js';
import { readResponse, readResponseEvents } from './support/read-openai-responses-client.js';
import { SYSTEM, TOOL, USER } from './support/sample-request.js';

const params = { instructions: SYSTEM, input: USER, tools: [{ type: 'function' as const, strict: false, ...TOOL }] };

describeClientMatrix({
  format: 'openai-responses',
  sdk: 'official openai SDK',
  connect: (url) => new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 }),
  complete: (client, model) => client.responses.create({ model, ...params }),
  async stream(client, model) {
    const stream = client.responses.stream({ model, ...params });
    return {
      events: stream,
      async read(events) {
        const reading = readResponseEvents(events);
        // What the SDK assembled from the events says the same as the events themselves.
        const final = await stream.finalResponse();
        expect(final.output_text).toBe(reading.text);
        return reading;
      },
    };
  },
  responseErrors: (response) => specErrors('Response', response),
  eventErrors: (event) => specErrors('ResponseStreamEvent', event),
  read: readResponse,
  // A stream that fails midway raises the SDK's base error: there is no HTTP status to carry.
  errorClass: OpenAI.OpenAIError,
  errorStatus: (error) => (error instanceof OpenAI.APIError ? error.status : undefined),
  errorBodyErrors: (error) => specErrors('ErrorResponse', { error: error instanceof OpenAI.APIError ? error.error : undefined }),
  errorMessage: (error) => error.message,
});
