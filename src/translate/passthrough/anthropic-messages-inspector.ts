import type { CanonicalUsage } from '../canonical/index.js';
import { decodeUsage } from '../codecs/anthropic-messages/usage.js';
import { keepAllFields, parseJsonObject, type PassThroughInspector } from './pass-through-inspector.js';

function objectAt(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

export const anthropicMessagesInspector: PassThroughInspector = {
  attention: /event:\s*(?:message_start|message_delta|message_stop|error|ping)\b/,
  stripVendorFields: keepAllFields,
  usageOfResponse: (body) => decodeUsage(body.usage),
  isErrorBody: (body) => body.type === 'error',
  createStreamInspector() {
    // message_start carries the input side, message_delta the cumulative output side.
    let raw: Record<string, unknown> = {};
    let usage: CanonicalUsage | undefined;
    let stopped = false;
    return {
      inspect(event) {
        switch (event.event) {
          case 'message_start': {
            raw = { ...objectAt(objectAt(parseJsonObject(event.data)?.message).usage) };
            usage = decodeUsage(raw) ?? usage;
            return { forward: event, preamble: true };
          }
          case 'ping':
            return { forward: event, preamble: true };
          case 'message_delta': {
            const delta = objectAt(parseJsonObject(event.data)?.usage);
            for (const [key, value] of Object.entries(delta)) if (value !== null && value !== undefined) raw[key] = value;
            usage = decodeUsage(raw) ?? usage;
            return { forward: event };
          }
          case 'message_stop':
            stopped = true;
            return { forward: event };
          case 'error':
            return { forward: event, error: { status: 502, raw: event.data } };
          default:
            return { forward: event };
        }
      },
      usage: () => usage,
      finished: () => stopped,
      closingEvents: () => [],
    };
  },
};
