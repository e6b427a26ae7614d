import type { ClientModel } from './collect-models.js';

export interface OpenAiModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

/** OpenAI `Model`. `created` is when the gateway started: the catalogue has no release dates. */
export function toOpenAiModel(model: ClientModel, created: number): OpenAiModel {
  return { id: model.id, object: 'model', created, owned_by: model.providerId };
}

/** OpenAI `GET /v1/models`: the whole list, unpaginated as OpenAI's is. */
export function toOpenAiModelList(models: ClientModel[], created: number): { object: 'list'; data: OpenAiModel[] } {
  return { object: 'list', data: models.map((m) => toOpenAiModel(m, created)) };
}
