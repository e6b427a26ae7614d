import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openAiSchemaErrors } from '../../src/translate/codecs/openai-chat/test-support/openai-schema.js';
import { expectSameSemantics } from './support/client-expectations.js';
import { matrixCases, prepareUpstream, type MatrixCase } from './support/matrix-cases.js';
import { modelFor, startMatrixGateway, type MatrixGateway } from './support/matrix-gateway.js';
import { readChatChunks, readChatCompletion } from './support/read-openai-chat-client.js';
import { recordedError, summariseFixture } from './support/summarise-fixture.js';
import { SYSTEM, TOOL, USER } from './support/sample-request.js';
import { upstreamRequestErrors } from './support/upstream-request-errors.js';

let matrix: MatrixGateway;
let client: OpenAI;

beforeAll(async () => {
  matrix = await startMatrixGateway();
  client = new OpenAI({ baseURL: `${matrix.gateway.url}/v1`, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 });
});
afterAll(async () => {
  await matrix?.close();
});
beforeEach(() => matrix.mock.reset());

const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
  { role: 'system', content: SYSTEM },
  { role: 'user', content: USER },
];
const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [{ type: 'function', function: TOOL }];

/** Bodies the gateway wrote itself must follow the spec; pass-through bodies are the provider's own. */
function translated(matrixCase: MatrixCase): boolean {
  return matrixCase.upstream !== 'openai-chat';
}

async function run(matrixCase: MatrixCase) {
  prepareUpstream(matrix.mock, matrixCase);
  const model = modelFor(matrixCase.upstream, matrixCase.fixture.name);
  if (!matrixCase.stream) {
    const data = await client.chat.completions.create({ model, messages, tools });
    if (translated(matrixCase)) expect(openAiSchemaErrors('CreateChatCompletionResponse', data)).toEqual([]);
    return readChatCompletion(data);
  }
  const stream = await client.chat.completions.create({ model, messages, tools, stream: true, stream_options: { include_usage: true } });
  const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
  for await (const chunk of stream) {
    if (translated(matrixCase)) expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    chunks.push(chunk);
  }
  return readChatChunks(chunks);
}

describe('openai-chat client (official openai SDK) × every upstream format and recording', () => {
  for (const matrixCase of matrixCases()) {
    if (matrixCase.kind === 'success') {
      it(`${matrixCase.title} reads the same as the recording`, async () => {
        const reading = await run(matrixCase);
        if (translated(matrixCase)) expect(upstreamRequestErrors(matrixCase.upstream, matrix.mock.requests[0]!)).toEqual([]);
        expectSameSemantics(reading, summariseFixture(matrixCase.fixture), 'openai-chat', matrixCase.upstream);
      });
    } else {
      it(`${matrixCase.title} raises the SDK's error with the upstream's status and message`, async () => {
        const expected = recordedError(matrixCase.fixture);
        const error = await run(matrixCase).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(OpenAI.APIError);
        const apiError = error as InstanceType<typeof OpenAI.APIError>;
        if (matrixCase.kind === 'error') {
          expect(apiError.status).toBe(expected.status);
          // Error bodies are always the gateway's own, pass-through or not.
          expect(openAiSchemaErrors('ErrorResponse', { error: apiError.error })).toEqual([]);
        }
        expect(apiError.message).toContain(expected.message);
      });
    }
  }
});
