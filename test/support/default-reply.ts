import { echoReply } from './echo/echo-reply.js';
import type { FixtureReplayIndex } from './fixture-replay.js';
import { jsonReply, type MockReply } from './mock-reply.js';
import type { MockRoute } from './mock-route.js';
import type { RecordedRequest } from './mock-step.js';
import { bodyIncludesUsage, bodyModel, bodyWantsStream, lastUserText, roughTokenCount } from './request-text.js';

/** Fixed timestamp so listings are identical across runs. */
const MODEL_CREATED = 1_700_000_000;

/** Answers computed once per server: the model lists never change while it runs. */
export interface ModelCatalog {
  names: ReadonlySet<string>;
  openAiList: MockReply;
  geminiList: MockReply;
}

function openAiModel(id: string): Record<string, unknown> {
  return { id, object: 'model', created: MODEL_CREATED, owned_by: 'mock' };
}

function geminiModel(id: string): Record<string, unknown> {
  return {
    name: `models/${id}`,
    version: '001',
    displayName: id,
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
  };
}

export function buildModelCatalog(index: FixtureReplayIndex): ModelCatalog {
  const names = index.caseNames();
  return {
    names: new Set(names),
    openAiList: jsonReply(200, { object: 'list', data: names.map(openAiModel) }),
    geminiList: jsonReply(200, { models: names.map(geminiModel) }),
  };
}

export interface DefaultReplyContext {
  index: FixtureReplayIndex;
  catalog: ModelCatalog;
  serial: number;
}

function notFound(message: string, style: 'openai' | 'gemini'): MockReply {
  return style === 'gemini'
    ? jsonReply(404, { error: { code: 404, message, status: 'NOT_FOUND' } })
    : jsonReply(404, { error: { message, type: 'invalid_request_error', param: null, code: 'not_found' } });
}

/** What the mock answers when no step is queued. */
export function defaultReply(route: MockRoute, recorded: RecordedRequest, context: DefaultReplyContext): MockReply {
  switch (route.kind) {
    case 'generate': {
      const gemini = route.format === 'gemini' ? route : undefined;
      const model = gemini ? gemini.model : bodyModel(recorded.json);
      const stream = gemini ? gemini.stream : bodyWantsStream(recorded.json);
      const replay = context.index.select({ format: route.format, model, stream, geminiSse: gemini?.sse ?? false });
      if (replay) return replay.reply;
      const text = `echo: ${lastUserText(route.format, recorded.json)}`;
      return echoReply(route.format, {
        model: model || 'mock-model',
        text,
        promptTokens: roughTokenCount(recorded.body),
        completionTokens: roughTokenCount(text),
        stream,
        includeUsage: bodyIncludesUsage(recorded.json),
        sse: gemini?.sse ?? false,
        serial: context.serial,
        created: Math.floor(recorded.receivedAt / 1000),
      });
    }
    case 'count-tokens':
      return jsonReply(200, { input_tokens: roughTokenCount(recorded.body) });
    case 'list-models':
      return route.style === 'gemini' ? context.catalog.geminiList : context.catalog.openAiList;
    case 'get-model': {
      const id = route.id.startsWith('models/') ? route.id.slice('models/'.length) : route.id;
      if (!context.catalog.names.has(id)) return notFound(`model ${id} not found`, route.style);
      return jsonReply(200, route.style === 'gemini' ? geminiModel(id) : openAiModel(id));
    }
    case 'not-found':
      return notFound(`mock upstream: no route for ${recorded.method} ${recorded.path}`, 'openai');
  }
}
