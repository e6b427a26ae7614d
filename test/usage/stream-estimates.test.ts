import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { settleUsage } from '../../src/usage/estimate-usage.js';
import { createStreamText } from '../../src/usage/stream-text.js';
import { matrixCases } from '../translation/support/matrix-cases.js';
import { jsonArrayElements, summariseFixture } from '../translation/support/summarise-fixture.js';

/**
 * The estimate of a stream's output reads every recorded stream of every format: what it counts
 * is the text, reasoning and tool calls an independent reading of the recording finds.
 */

const count = (text: string) => (text === '' ? 0 : countTokens(text));

describe('output estimates from every recorded stream', () => {
  for (const matrixCase of matrixCases().filter((candidate) => candidate.kind === 'success' && candidate.stream)) {
    it(matrixCase.title, () => {
      const { fixture } = matrixCase;
      const text = createStreamText();
      // The gateway always asks Gemini for SSE: a JSON-array recording arrives framed as SSE.
      if (fixture.streamKind === 'json-array') for (const element of jsonArrayElements(fixture.streamRaw!)) text.push(`data: ${JSON.stringify(element)}\r\n\r\n`);
      else text.push(fixture.streamRaw!.toString('utf8'));
      const settled = settleUsage({ clientFormat: fixture.format, usage: undefined, completed: false, evidence: { stream: { format: fixture.format, text } }, count });
      const summary = summariseFixture(fixture);
      const generated = summary.text + summary.reasoning.join('') + summary.toolCalls.map((call) => call.name + JSON.stringify(call.args)).join('');
      const expected = count(generated);
      expect(settled.estimated).toBe(true);
      // Tool arguments are re-serialised by the reading (spacing may differ): a few tokens of slack.
      expect(Math.abs((settled.usage?.outputTokens ?? 0) - expected)).toBeLessThanOrEqual(Math.max(3, Math.ceil(expected * 0.05)));
    });
  }
});
