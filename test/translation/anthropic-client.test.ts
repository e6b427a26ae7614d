import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { specValidator } from '../../src/translate/codecs/anthropic-messages/test-support/spec-validator.js';
import { expectSameSemantics } from './support/client-expectations.js';
import { matrixCases, prepareUpstream, type MatrixCase } from './support/matrix-cases.js';
import { modelFor, startMatrixGateway, type MatrixGateway } from './support/matrix-gateway.js';
import { readMessage, readMessageEvents } from './support/read-anthropic-client.js';
import { recordedError, summariseFixture } from './support/summarise-fixture.js';
import { SYSTEM, TOOL, USER } from './support/sample-request.js';
import { upstreamRequestErrors } from './support/upstream-request-errors.js';

let matrix: MatrixGateway;
let client: Anthropic;

beforeAll(async () => {
  matrix = await startMatrixGateway();
  client = new Anthropic({ baseURL: matrix.gateway.url, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 });
});
afterAll(async () => {
  await matrix?.close();
});
beforeEach(() => matrix.mock.reset());

/** Bodies the gateway wrote itself must follow the spec; pass-through bodies are the provider's own. */
function translated(matrixCase: MatrixCase): boolean {
  return matrixCase.upstream !== 'anthropic-messages';
}

async function run(matrixCase: MatrixCase) {
  prepareUpstream(matrix.mock, matrixCase);
  const params = {
    model: modelFor(matrixCase.upstream, matrixCase.fixture.name),
    max_tokens: 1024,
    system: SYSTEM,
    messages: [{ role: 'user' as const, content: USER }],
    tools: [{ name: TOOL.name, description: TOOL.description, input_schema: { ...TOOL.parameters, type: 'object' as const } }],
  };
  if (!matrixCase.stream) {
    const message = await client.messages.create(params);
    if (translated(matrixCase)) expect(specValidator('Message')(message)).toEqual([]);
    return readMessage(message);
  }
  const stream = client.messages.stream(params);
  const events: unknown[] = [];
  for await (const event of stream) {
    if (translated(matrixCase)) expect(specValidator('MessageStreamEvent')(event), event.type).toEqual([]);
    events.push(event);
  }
  const reading = readMessageEvents(events);
  // The message the SDK assembled says the same as the events themselves.
  expect(readMessage(await stream.finalMessage())).toEqual(reading);
  return reading;
}

describe('anthropic-messages client (official @anthropic-ai/sdk) × every upstream format and recording', () => {
  for (const matrixCase of matrixCases()) {
    if (matrixCase.kind === 'success') {
      it(`${matrixCase.title} reads the same as the recording`, async () => {
        const reading = await run(matrixCase);
        if (translated(matrixCase)) expect(upstreamRequestErrors(matrixCase.upstream, matrix.mock.requests[0]!)).toEqual([]);
        expectSameSemantics(reading, summariseFixture(matrixCase.fixture), 'anthropic-messages', matrixCase.upstream);
      });
    } else {
      it(`${matrixCase.title} raises the SDK's error with the upstream's status and message`, async () => {
        const expected = recordedError(matrixCase.fixture);
        const error = await run(matrixCase).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(Anthropic.APIError);
        const apiError = error as InstanceType<typeof Anthropic.APIError>;
        if (matrixCase.kind === 'error') {
          expect(apiError.status).toBe(expected.status);
          // Error bodies are always the gateway's own, pass-through or not.
          expect(specValidator('ErrorResponse')(apiError.error)).toEqual([]);
        }
        // The SDK keeps the Anthropic error body; its message JSON-escapes newlines, so read the body.
        expect((apiError.error as { error?: { message?: string } } | undefined)?.error?.message).toContain(expected.message);
      });
    }
  }
});
