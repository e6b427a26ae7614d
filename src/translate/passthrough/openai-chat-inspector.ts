import type { CanonicalUsage } from '../canonical/index.js';
import { decodeUsage } from '../codecs/openai-chat/usage.js';
import { parseJsonObject, type PassThroughInspector } from './pass-through-inspector.js';

const USAGE_OBJECT = /"usage"\s*:\s*\{/;
const ERROR_OBJECT = /^\s*\{\s*"error"\s*:/;
const FINISH_REASON = /"finish_reason"\s*:\s*"/;

/**
 * Fields OpenAI-compatible providers add that the Chat Completions format does not define; strict
 * SDKs (typed decoders that refuse unknown fields) break on them. Reasoning fields
 * (`reasoning_content`, `reasoning`) are kept: coding clients read them.
 */
const VENDOR_FIELDS = ['x_groq', 'obfuscation', 'provider', 'native_finish_reason', 'cost'] as const;
const VENDOR_FIELD = /"(?:x_groq|obfuscation|provider|native_finish_reason|cost)"\s*:/;
/**
 * OpenAI's own `obfuscation` padding is on every streamed chunk, last, as a plain string: removed
 * by text replacement so those chunks need not be parsed and re-serialised.
 */
const OBFUSCATION = /,"obfuscation":"[^"\\]*"/g;

function scrubRaw(text: string): string {
  return text.includes('"obfuscation"') ? text.replace(OBFUSCATION, '') : text;
}

function stripVendorFields(body: Record<string, unknown>): boolean {
  let changed = false;
  const strip = (object: unknown) => {
    if (object === null || typeof object !== 'object') return;
    const record = object as Record<string, unknown>;
    for (const field of VENDOR_FIELDS) {
      if (field in record) {
        delete record[field];
        changed = true;
      }
    }
  };
  strip(body);
  if (Array.isArray(body.choices)) for (const choice of body.choices) strip(choice);
  return changed;
}

export const openAiChatInspector: PassThroughInspector = {
  attention: /"usage"\s*:\s*\{|"error"|\[DONE\]|"finish_reason"\s*:\s*"|"(?:x_groq|provider|native_finish_reason|cost)"\s*:/,
  scrubRaw,
  stripVendorFields,
  usageOfResponse: (body) => decodeUsage(body.usage),
  isErrorBody: (body) => body.error !== undefined && body.choices === undefined,
  createStreamInspector({ includeUsage }) {
    let usage: CanonicalUsage | undefined;
    let done = false;
    let finishSeen = false;
    return {
      inspect(original) {
        const data = scrubRaw(original.data);
        const event = data === original.data ? original : { ...original, data };
        if (data === '[DONE]') {
          done = true;
          return { forward: event };
        }
        if (ERROR_OBJECT.test(data)) return { forward: event, error: { status: 502, raw: data } };
        if (!finishSeen && FINISH_REASON.test(data)) finishSeen = true;
        const hasUsage = USAGE_OBJECT.test(data);
        if (!hasUsage && !VENDOR_FIELD.test(data)) return { forward: event };
        const chunk = parseJsonObject(data);
        if (!chunk) return { forward: event };
        let changed = stripVendorFields(chunk);
        if (hasUsage) {
          usage = decodeUsage(chunk.usage) ?? usage;
          if (!includeUsage) {
            // The client did not ask for usage: the usage-only chunk we requested for accounting goes.
            if (Array.isArray(chunk.choices) && chunk.choices.length === 0) return { forward: undefined };
            delete chunk.usage;
            changed = true;
          }
        }
        return { forward: changed ? { data: JSON.stringify(chunk) } : event };
      },
      usage: () => usage,
      finished: () => done || finishSeen,
      closingEvents: () => (done ? [] : [{ data: '[DONE]' }]),
    };
  },
};
