import type { CanonicalUsage } from '../canonical/index.js';
import { decodeUsage } from '../codecs/gemini/usage.js';
import { keepAllFields, parseJsonObject, type PassThroughInspector } from './pass-through-inspector.js';

const ERROR_OBJECT = /^\s*\[?\s*\{\s*"error"\s*:/;

export const geminiInspector: PassThroughInspector = {
  attention: /"error"|"finishReason"|"usageMetadata"/,
  stripVendorFields: keepAllFields,
  usageOfResponse: (body) => decodeUsage(body.usageMetadata),
  isErrorBody: (body) => body.error !== undefined && body.candidates === undefined,
  createStreamInspector() {
    let usage: CanonicalUsage | undefined;
    let finished = false;
    return {
      inspect(event) {
        const data = event.data;
        if (ERROR_OBJECT.test(data)) return { forward: event, error: { status: 502, raw: data } };
        if (data.includes('"finishReason"')) finished = true;
        if (data.includes('"usageMetadata"')) usage = decodeUsage(parseJsonObject(data)?.usageMetadata) ?? usage;
        return { forward: event };
      },
      usage: () => usage,
      finished: () => finished,
      closingEvents: () => [],
    };
  },
};
