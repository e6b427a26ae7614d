import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidRequest } from '../errors/gateway-error.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { clientCodecFor, codecFor } from '../translate/codec-registry.js';
import { TranslationError } from '../translate/translation-error.js';
import { CLIENT_FORMATS, WIRE_FORMATS, type ClientFormat, type WireFormat } from '../translate/wire-format.js';
import { parseAdminBody } from './parse-admin-body.js';

type Json = Record<string, unknown>;

const translateSchema = z.object({
  // Legacy completions is a client format only: it can be translated from, never to.
  from: z.enum(CLIENT_FORMATS),
  to: z.enum(WIRE_FORMATS),
  body: z.record(z.string(), z.unknown()),
  /** Needed when `from` is gemini (its model is in the URL); overrides the body's model otherwise. */
  model: z.string().min(1).optional(),
});

const detectSchema = z.object({ body: z.record(z.string(), z.unknown()) });

export interface TranslateResult {
  from: ClientFormat;
  to: WireFormat;
  body: Json;
  /** Same format in and out: the gateway forwards the body untouched but for the model. */
  passThrough: boolean;
  /** Gemini only: what goes in the URL (`models/{model}:generateContent|streamGenerateContent`). */
  model?: string;
  stream?: boolean;
}

/** A request body in one wire format → the body the gateway would send in another. */
export function translateRequest(input: z.infer<typeof translateSchema>): TranslateResult {
  const { from, to, body } = input;
  const gemini = (model: string, stream: boolean) => (to === 'gemini' ? { model, stream } : {});
  if (from === to) {
    const model = input.model ?? (typeof body.model === 'string' ? body.model : '');
    const out = input.model && to !== 'gemini' ? { ...body, model: input.model } : body;
    return { from, to, body: out, passThrough: true, ...gemini(model, body.stream === true) };
  }
  let canonical;
  try {
    canonical = clientCodecFor(from).decodeRequest(body);
  } catch (error) {
    if (error instanceof TranslationError) throw invalidRequest(error.message, error.field ? `body.${error.field}` : 'body');
    throw error;
  }
  const model = input.model ?? canonical.model;
  if (!model) throw invalidRequest('model is required: a Gemini body does not name its model (it travels in the URL)', 'model');
  canonical.model = model;
  const encoded = codecFor(to).encodeRequest(canonical, { model });
  return { from, to, body: encoded, passThrough: false, ...gemini(model, canonical.stream) };
}

export interface DetectResult {
  format: ClientFormat | null;
  /** 0…1: how strongly the body's shape points at the format. */
  confidence: number;
}

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const ANTHROPIC_BLOCKS = new Set(['tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'document']);
const OPENAI_PARTS = new Set(['image_url', 'input_audio', 'file']);

/** Signals inside `messages` only one of the two message-based formats produces. */
function messageSignals(messages: unknown[]): { anthropic: number; openai: number } {
  let anthropic = 0;
  let openai = 0;
  for (const message of messages) {
    if (!isRecord(message)) continue;
    // Anthropic has no such roles (a `system` entry in `messages` is an OpenAI habit some Claude clones copy).
    if (message.role === 'tool' || message.role === 'developer' || message.role === 'function' || message.role === 'system') openai += 1;
    if (Array.isArray(message.tool_calls) || message.tool_call_id !== undefined) openai += 1;
    if (!Array.isArray(message.content)) continue;
    for (const block of message.content) {
      if (!isRecord(block) || typeof block.type !== 'string') continue;
      if (ANTHROPIC_BLOCKS.has(block.type)) anthropic += 1;
      else if (block.type === 'image' && isRecord(block.source)) anthropic += 1;
      else if (OPENAI_PARTS.has(block.type)) openai += 1;
    }
  }
  return { anthropic, openai };
}

/** Top-level signals: Anthropic `system`, `anthropic_version`, `input_schema` tools… vs OpenAI's own fields. */
function topLevelSignals(body: Json): { anthropic: number; openai: number } {
  let anthropic = 0;
  let openai = 0;
  for (const key of ['system', 'anthropic_version', 'stop_sequences', 'top_k', 'thinking']) if (body[key] !== undefined) anthropic += 1;
  for (const key of ['max_completion_tokens', 'response_format', 'stream_options', 'n', 'logit_bias', 'reasoning_effort', 'functions']) if (body[key] !== undefined) openai += 1;
  if (Array.isArray(body.tools)) {
    for (const tool of body.tools) {
      if (isRecord(tool) && tool.input_schema !== undefined) anthropic += 1;
      if (isRecord(tool) && isRecord(tool.function)) openai += 1;
    }
  }
  return { anthropic, openai };
}

/**
 * Guesses a request body's wire format from its shape: `contents` → Gemini; a `prompt` without
 * `messages` → legacy completions; `input` or
 * `instructions` → Responses; `messages` → Anthropic when Anthropic-only markers outweigh OpenAI
 * ones (with `max_tokens`, which Anthropic requires, raising the confidence), else OpenAI chat.
 * Confidence is a coarse ordinal (0.55 a lean, 0.9+ unambiguous), not a probability.
 */
export function detectWireFormat(body: unknown): DetectResult {
  if (!isRecord(body)) return { format: null, confidence: 0 };
  if (Array.isArray(body.contents)) return { format: 'gemini', confidence: 0.95 };
  if (body.systemInstruction !== undefined || body.generationConfig !== undefined) return { format: 'gemini', confidence: 0.7 };
  if (!Array.isArray(body.messages) && (typeof body.prompt === 'string' || Array.isArray(body.prompt))) return { format: 'openai-completions', confidence: 0.9 };
  if (body.input !== undefined || body.instructions !== undefined) return { format: 'openai-responses', confidence: Array.isArray(body.input) || typeof body.input === 'string' ? 0.9 : 0.7 };
  if (!Array.isArray(body.messages)) return { format: null, confidence: 0 };

  const inMessages = messageSignals(body.messages);
  const topLevel = topLevelSignals(body);
  const anthropic = inMessages.anthropic + topLevel.anthropic;
  const openai = inMessages.openai + topLevel.openai;
  if (anthropic > openai) return { format: 'anthropic-messages', confidence: body.max_tokens !== undefined ? 0.95 : 0.8 };
  if (openai > 0) return { format: 'openai-chat', confidence: anthropic > 0 ? 0.6 : 0.9 };
  // Plain text messages are valid in both. Anthropic requires `max_tokens`; OpenAI deprecated it
  // for `max_completion_tokens`, so it tips a marker-less body, weakly.
  if (body.max_tokens !== undefined) return { format: 'anthropic-messages', confidence: 0.55 };
  return { format: 'openai-chat', confidence: 0.6 };
}

/** The dashboard playground's translation API. Computes, changes nothing: not audited. */
export function registerTranslatorRoutes(app: FastifyInstance, _ctx: GatewayContext): void {
  app.post('/api/translator/translate', { config: { audit: false } }, async (request) => translateRequest(parseAdminBody(translateSchema, request.body)));
  app.post('/api/translator/detect', { config: { audit: false } }, async (request) => detectWireFormat(parseAdminBody(detectSchema, request.body).body));
}
