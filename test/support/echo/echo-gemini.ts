import { JSON_HEADERS, SSE_HEADERS, type MockReply } from '../mock-reply.js';
import { splitEchoText, type EchoInput } from './echo-input.js';

export function echoGemini(input: EchoInput): MockReply {
  const responseId = `mock${input.serial}`;
  const promptOnly = { promptTokenCount: input.promptTokens, totalTokenCount: input.promptTokens };
  const finalUsage = {
    promptTokenCount: input.promptTokens,
    candidatesTokenCount: input.completionTokens,
    totalTokenCount: input.promptTokens + input.completionTokens,
  };
  const chunk = (text: string, last: boolean): Record<string, unknown> => ({
    candidates: [
      {
        content: { parts: [{ text }], role: 'model' },
        ...(last ? { finishReason: 'STOP' } : {}),
        index: 0,
      },
    ],
    usageMetadata: last ? finalUsage : promptOnly,
    modelVersion: input.model,
    responseId,
  });

  if (!input.stream) {
    return { status: 200, headers: { ...JSON_HEADERS }, chunks: [JSON.stringify(chunk(input.text, true))], streamed: false };
  }
  const pieces = splitEchoText(input.text);
  const payloads = pieces.map((piece, i) => JSON.stringify(chunk(piece, i === pieces.length - 1)));
  if (input.sse) {
    // Google separates alt=sse events with CRLF CRLF (see the recorded streams).
    return {
      status: 200,
      headers: { ...SSE_HEADERS },
      chunks: payloads.map((payload) => `data: ${payload}\r\n\r\n`),
      streamed: true,
    };
  }
  // Without alt=sse the body is one JSON array sent element by element, as recorded.
  const chunks = payloads.map((payload, i) => `${i === 0 ? '[' : '\n,\r\n'}${payload}`);
  chunks.push('\n]');
  return { status: 200, headers: { ...JSON_HEADERS }, chunks, streamed: true };
}
