import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError, invalidRequest } from '../../errors/gateway-error.js';
import type { WireFormat } from '../../translate/wire-format.js';
import { sendError } from '../error-response.js';
import type { GatewayContext } from '../gateway-context.js';
import { toAnthropicModel, toAnthropicModelPage } from './anthropic-model-shape.js';
import { collectModels, type ClientModel } from './collect-models.js';
import { toGeminiModel, toGeminiModelPage } from './gemini-model-shape.js';
import { toOpenAiModel, toOpenAiModelList } from './openai-model-shape.js';

type Query = Record<string, string | undefined>;

/** `/v1/models` is shared by OpenAI and Anthropic clients; the Anthropic SDKs always send this header. */
function speaksAnthropic(request: FastifyRequest): boolean {
  return request.headers['anthropic-version'] !== undefined;
}

function optionalInteger(query: Query, name: string, max: number): number | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw invalidRequest(`${name} must be an integer from 1 to ${max}`, name);
  return n;
}

function modelNotFound(id: string): GatewayError {
  return new GatewayError('model_not_found', `The model '${id}' does not exist. GET /v1/models lists what is available.`, { status: 404, param: 'model' });
}

/** Answers a handler's result, or its failure in the wire format the client speaks. */
async function answer(reply: FastifyReply, format: WireFormat, produce: () => Promise<unknown>): Promise<void> {
  try {
    const body = await produce();
    void reply.code(200).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    sendError(reply, error, format);
  }
}

/** The model id in a retrieve URL; SDKs percent-encode the slash of `prefix/model`. */
function idOfPath(request: FastifyRequest<{ Params: { '*': string } }>): string {
  const id = request.params['*'];
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

/**
 * Model lists in each client's own shape: OpenAI (`GET /v1/models`), Anthropic (same path, told
 * apart by `anthropic-version`) and Gemini (`GET /v1beta/models`), plus retrieving one model.
 */
export function registerModelsRoute(app: FastifyInstance, ctx: GatewayContext): void {
  const created = () => Math.floor(ctx.startedAt / 1000);
  // Blocked providers and models outside the caller's key scope are neither listed nor found.
  const visibleModels = async (request: FastifyRequest) => ctx.access.visibleModels(request, await collectModels(ctx));

  const list = (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    if (speaksAnthropic(request)) {
      return answer(reply, 'anthropic-messages', async () => {
        const limit = optionalInteger(request.query, 'limit', 1000);
        const { after_id: afterId, before_id: beforeId } = request.query;
        return toAnthropicModelPage(await visibleModels(request), { ...(limit !== undefined ? { limit } : {}), ...(afterId ? { afterId } : {}), ...(beforeId ? { beforeId } : {}) });
      });
    }
    return answer(reply, 'openai-chat', async () => toOpenAiModelList(await visibleModels(request), created()));
  };

  const retrieve = (request: FastifyRequest<{ Params: { '*': string } }>, reply: FastifyReply) => {
    const id = idOfPath(request);
    const anthropic = speaksAnthropic(request);
    return answer(reply, anthropic ? 'anthropic-messages' : 'openai-chat', async () => {
      const model = (await visibleModels(request)).find((m) => m.id === id);
      if (!model) throw modelNotFound(id);
      return anthropic ? toAnthropicModel(model) : toOpenAiModel(model, created());
    });
  };

  const geminiList = (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) =>
    answer(reply, 'gemini', async () => {
      const pageSize = optionalInteger(request.query, 'pageSize', 1000);
      const { pageToken } = request.query;
      return toGeminiModelPage(await visibleModels(request), { ...(pageSize !== undefined ? { pageSize } : {}), ...(pageToken ? { pageToken } : {}) });
    });

  const geminiGet = (request: FastifyRequest<{ Params: { '*': string } }>, reply: FastifyReply) =>
    answer(reply, 'gemini', async () => {
      // Clients may send the resource name (`models/<id>`) or the bare id after `/v1beta/models/`.
      const id = idOfPath(request).replace(/^models\//, '');
      const model: ClientModel | undefined = (await visibleModels(request)).find((m) => m.id === id);
      if (!model) throw modelNotFound(id);
      return toGeminiModel(model);
    });

  app.get('/v1/models', list);
  app.get('/models', list);
  app.get('/v1/models/*', retrieve);
  app.get('/models/*', retrieve);
  app.get('/v1beta/models', geminiList);
  app.get('/v1beta/models/*', geminiGet);
}
