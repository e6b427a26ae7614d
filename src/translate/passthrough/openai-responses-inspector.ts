import type { CanonicalUsage } from '../canonical/index.js';
import { decodeUsage } from '../codecs/openai-responses/usage.js';
import { keepAllFields, parseJsonObject, type PassThroughInspector } from './pass-through-inspector.js';

export const openAiResponsesInspector: PassThroughInspector = {
  attention: /event:\s*(?:response\.(?:created|in_progress|completed|incomplete|failed)|error)\b/,
  stripVendorFields: keepAllFields,
  usageOfResponse: (body) => decodeUsage(body.usage),
  isErrorBody: (body) => body.error !== undefined && body.error !== null && body.output === undefined,
  createStreamInspector() {
    let usage: CanonicalUsage | undefined;
    let completed = false;
    return {
      inspect(event) {
        const type = event.event ?? '';
        if (type === 'response.completed' || type === 'response.incomplete') {
          const response = parseJsonObject(event.data)?.response as Record<string, unknown> | undefined;
          usage = decodeUsage(response?.usage) ?? usage;
          completed = true;
          return { forward: event };
        }
        if (type === 'error' || type === 'response.failed') return { forward: event, error: { status: 502, raw: event.data } };
        if (type === 'response.created' || type === 'response.in_progress') return { forward: event, preamble: true };
        return { forward: event };
      },
      usage: () => usage,
      finished: () => completed,
      closingEvents: () => [],
    };
  },
};
