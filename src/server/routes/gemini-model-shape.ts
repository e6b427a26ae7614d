import type { ClientModel } from './collect-models.js';

export interface GeminiModel {
  name: string;
  displayName: string;
  supportedGenerationMethods: string[];
  inputTokenLimit?: number;
  outputTokenLimit?: number;
}

export interface GeminiModelPage {
  models: GeminiModel[];
  nextPageToken?: string;
}

/** Gemini `Model`: the name is `models/<id>`, which the SDKs send back verbatim in the URL. */
export function toGeminiModel(model: ClientModel): GeminiModel {
  const out: GeminiModel = {
    name: `models/${model.id}`,
    displayName: model.info?.name ?? model.id,
    supportedGenerationMethods: ['generateContent', 'streamGenerateContent'],
  };
  if (model.info?.contextLength !== undefined) out.inputTokenLimit = model.info.contextLength;
  if (model.info?.maxOutputTokens !== undefined) out.outputTokenLimit = model.info.maxOutputTokens;
  return out;
}

/**
 * Gemini `GET /v1beta/models` with `pageSize` / `pageToken`. The token is the offset of the next
 * page; without `pageSize` the whole list is one page.
 */
export function toGeminiModelPage(models: ClientModel[], query: { pageSize?: number; pageToken?: string }): GeminiModelPage {
  const offset = query.pageToken !== undefined && /^\d+$/.test(query.pageToken) ? Number(query.pageToken) : 0;
  const end = query.pageSize === undefined ? models.length : offset + query.pageSize;
  const page: GeminiModelPage = { models: models.slice(offset, end).map(toGeminiModel) };
  if (end < models.length) page.nextPageToken = String(end);
  return page;
}
