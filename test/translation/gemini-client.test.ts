import { ApiError, GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateGemini, validateGeminiError } from '../../src/translate/codecs/gemini/test-support/spec-validator.js';
import { expectSameSemantics } from './support/client-expectations.js';
import { matrixCases, prepareUpstream, type MatrixCase } from './support/matrix-cases.js';
import { modelFor, startMatrixGateway, type MatrixGateway } from './support/matrix-gateway.js';
import { geminiErrorMessage, readGeminiChunks, wireShape } from './support/read-gemini-client.js';
import { recordedError, summariseFixture } from './support/summarise-fixture.js';
import { SYSTEM, TOOL, USER } from './support/sample-request.js';
import { upstreamRequestErrors } from './support/upstream-request-errors.js';

let matrix: MatrixGateway;
let client: GoogleGenAI;

beforeAll(async () => {
  matrix = await startMatrixGateway();
  // The SDK builds `${baseUrl}/v1beta/models/${model}:generateContent` and sends the key as x-goog-api-key.
  client = new GoogleGenAI({ apiKey: 'unused-locally', httpOptions: { baseUrl: matrix.gateway.url, retryOptions: { attempts: 1 } } });
});
afterAll(async () => {
  await matrix?.close();
});
beforeEach(() => matrix.mock.reset());

/** Bodies the gateway wrote itself must follow the spec; pass-through bodies are the provider's own. */
function translated(matrixCase: MatrixCase): boolean {
  return matrixCase.upstream !== 'gemini';
}

async function run(matrixCase: MatrixCase) {
  prepareUpstream(matrix.mock, matrixCase);
  const params = { model: modelFor(matrixCase.upstream, matrixCase.fixture.name), contents: USER,
    config: { systemInstruction: SYSTEM, tools: [{ functionDeclarations: [{ name: TOOL.name, description: TOOL.description, parametersJsonSchema: TOOL.parameters }] }] },
  };
  if (!matrixCase.stream) {
    const response = await client.models.generateContent(params);
    if (translated(matrixCase)) expect(validateGemini('GenerateContentResponse', wireShape(response))).toEqual([]);
    return readGeminiChunks([response]);
  }
  const chunks: unknown[] = [];
  for await (const chunk of await client.models.generateContentStream(params)) {
    if (translated(matrixCase)) expect(validateGemini('GenerateContentResponse', wireShape(chunk))).toEqual([]);
    chunks.push(chunk);
  }
  return readGeminiChunks(chunks);
}

describe('gemini client (official @google/genai) × every upstream format and recording', () => {
  it('reaches the gateway at the URL the SDK builds, with the model prefix in the path', async () => {
    await client.models.generateContent({ model: modelFor('openai-chat', 'text'), contents: USER, config: { systemInstruction: SYSTEM } });
    expect(matrix.mock.requests[0]?.path).toBe('/v1/chat/completions');
    expect(matrix.mock.requests[0]?.json).toMatchObject({
      model: 'text',
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: USER },
      ],
    });
  });

  for (const matrixCase of matrixCases()) {
    if (matrixCase.kind === 'success') {
      it(`${matrixCase.title} reads the same as the recording`, async () => {
        const reading = await run(matrixCase);
        if (translated(matrixCase)) expect(upstreamRequestErrors(matrixCase.upstream, matrix.mock.requests[0]!)).toEqual([]);
        expectSameSemantics(reading, summariseFixture(matrixCase.fixture), 'gemini', matrixCase.upstream);
      });
    } else {
      it(`${matrixCase.title} raises the SDK's error with the upstream's status and message`, async () => {
        const expected = recordedError(matrixCase.fixture);
        const error = await run(matrixCase).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(ApiError);
        const apiError = error as ApiError;
        if (matrixCase.kind === 'error') {
          expect(apiError.status).toBe(expected.status);
          // Error bodies are always the gateway's own, pass-through or not.
          expect(validateGeminiError(JSON.parse(apiError.message))).toEqual([]);
        }
        expect(geminiErrorMessage(apiError.message)).toContain(expected.message);
      });
    }
  }
});
