import type { CanonicalUsage } from '../canonical/index.js';
import { decodeUsage } from '../codecs/openai-chat/usage.js';
import { parseJsonObject, type PassThroughInspector } from './pass-through-inspector.js';

const USAGE_OBJECT = /"usage"\s*:\s*\{/;
const ERROR_OBJECT = /^\s*\{\s*"error"\s*:/;
const FINISH_REASON = /"finish_reason"\s*:\s*"/;

export const openAiChatInspector: PassThroughInspector = {
  attention: /"usage"\s*:\s*\{|"error"|\[DONE\]|"finish_reason"\s*:\s*"/,
  usageOfResponse: (body) => decodeUsage(body.usage),
  isErrorBody: (body) => body.error !== undefined && body.choices === undefined,
  createStreamInspector({ includeUsage }) {
    let usage: CanonicalUsage | undefined;
    let done = false;
    let finishSeen = false;
    return {
      inspect(event) {
        const data = event.data;
        if (data === '[DONE]') {
          done = true;
          return { forward: event };
        }
        if (ERROR_OBJECT.test(data)) return { forward: event, error: { status: 502, raw: data } };
        if (!finishSeen && FINISH_REASON.test(data)) finishSeen = true;
        if (!USAGE_OBJECT.test(data)) return { forward: event };
        const chunk = parseJsonObject(data);
        usage = decodeUsage(chunk?.usage) ?? usage;
        if (!chunk || includeUsage) return { forward: event };
        // The client did not ask for usage: the usage-only chunk we requested for accounting goes.
        if (Array.isArray(chunk.choices) && chunk.choices.length === 0) return { forward: undefined };
        delete chunk.usage;
        return { forward: { data: JSON.stringify(chunk) } };
      },
      usage: () => usage,
      finished: () => done || finishSeen,
      closingEvents: () => (done ? [] : [{ data: '[DONE]' }]),
    };
  },
};
