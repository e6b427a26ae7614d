import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { specErrors } from '../../src/translate/codecs/openai-responses/test-support/spec-validator.js';
import { expectSameSemantics } from './support/client-expectations.js';
import { matrixCases, prepareUpstream, type MatrixCase } from './support/matrix-cases.js';
import { modelFor, startMatrixGateway, type MatrixGateway } from './support/matrix-gateway.js';
import { readResponse, readResponseEvents } from './support/read-openai-responses-client.js';
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

/** Bodies the gateway wrote itself must follow the spec; pass-through bodies are the provider's own. */
function translated(matrixCase: MatrixCase): boolean {
  return matrixCase.upstream !== 'openai-responses';
}

const params = { instructions: SYSTEM, input: USER, tools: [{ type: 'function' as const, strict: false, ...TOOL }] };

async function run(matrixCase: MatrixCase) {
  prepareUpstream(matrix.mock, matrixCase);
  const model = modelFor(matrixCase.upstream, matrixCase.fixture.name);
  if (!matrixCase.stream) {
    const response = await client.responses.create({ model, ...params });
    if (translated(matrixCase)) expect(specErrors('Response', response)).toEqual([]);
    return readResponse(response);
  }
  const stream = client.responses.stream({ model, ...params });
  const events: unknown[] = [];
  for await (const event of stream) {
    if (translated(matrixCase)) expect(specErrors('ResponseStreamEvent', event), event.type).toEqual([]);
    events.push(event);
  }
  const reading = readResponseEvents(events);
  // What the SDK assembled from the events says the same as the events themselves.
  const final = await stream.finalResponse();
  expect(final.output_text).toBe(reading.text);
  return reading;
}

describe('openai-responses client (official openai SDK) × every upstream format and recording', () => {
  for (const matrixCase of matrixCases()) {
    if (matrixCase.kind === 'success') {
      it(`${matrixCase.title} reads the same as the recording`, async () => {
        const reading = await run(matrixCase);
        if (translated(matrixCase)) expect(upstreamRequestErrors(matrixCase.upstream, matrix.mock.requests[0]!)).toEqual([]);
        expectSameSemantics(reading, summariseFixture(matrixCase.fixture), 'openai-responses', matrixCase.upstream);
      });
    } else {
      it(`${matrixCase.title} raises the SDK's error with the upstream's status and message`, async () => {
        const expected = recordedError(matrixCase.fixture);
        const error = await run(matrixCase).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(OpenAI.OpenAIError);
        if (matrixCase.kind === 'error') {
          const apiError = error as InstanceType<typeof OpenAI.APIError>;
          expect(apiError.status).toBe(expected.status);
          // Error bodies are always the gateway's own, pass-through or not.
          expect(specErrors('ErrorResponse', { error: apiError.error })).toEqual([]);
        }
        expect((error as Error).message).toContain(expected.message);
      });
    }
  }
});
