import { ApiError, GoogleGenAI } from '@google/genai';
import { expect, it } from 'vitest';
import { validateGemini, validateGeminiError } from '../../src/translate/codecs/gemini/test-support/spec-validator.js';
import { describeClientMatrix } from './support/describe-client-matrix.js';
import { modelFor } from './support/matrix-gateway.js';
import { geminiErrorMessage, readGeminiChunks, wireShape } from './support/read-gemini-client.js';
import { SYSTEM, TOOL, USER } from './support/sample-request.js';

const params = (model: string) => ({
  model,
  contents: USER,
  config: { systemInstruction: SYSTEM, tools: [{ functionDeclarations: [{ name: TOOL.name, description: TOOL.description, parametersJsonSchema: TOOL.parameters }] }] },
});

describeClientMatrix(
  {
    format: 'gemini',
    sdk: 'official @google/genai',
    // The SDK builds `${baseUrl}/v1beta/models/${model}:generateContent` and sends the key as x-goog-api-key.
    connect: (url) => new GoogleGenAI({ apiKey: 'unused-locally', httpOptions: { baseUrl: url, retryOptions: { attempts: 1 } } }),
    complete: (client, model) => client.models.generateContent(params(model)),
    stream: async (client, model) => ({ events: await client.models.generateContentStream(params(model)), read: readGeminiChunks }),
    responseErrors: (response) => validateGemini('GenerateContentResponse', wireShape(response)),
    eventErrors: (chunk) => validateGemini('GenerateContentResponse', wireShape(chunk)),
    read: (response) => readGeminiChunks([response]),
    errorClass: ApiError,
    errorStatus: (error) => error.status,
    errorBodyErrors: (error) => validateGeminiError(JSON.parse(error.message)),
    errorMessage: (error) => geminiErrorMessage(error.message),
  },
  (matrix) => {
    it('reaches the gateway at the URL the SDK builds, with the model prefix in the path', async () => {
      await matrix.client.models.generateContent({ model: modelFor('openai-chat', 'text'), contents: USER, config: { systemInstruction: SYSTEM } });
      expect(matrix.mock.requests[0]?.path).toBe('/v1/chat/completions');
      expect(matrix.mock.requests[0]?.json).toMatchObject({
        model: 'text',
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: USER },
        ],
      });
    });
  },
);
