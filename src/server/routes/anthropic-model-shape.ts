import type { ClientModel } from './collect-models.js';

export interface AnthropicModel {
  id: string;
  type: 'model';
  display_name: string;
  created_at: string;
}

export interface AnthropicModelPage {
  data: AnthropicModel[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

/** Anthropic's API documents the epoch as the value for an unknown release date. */
const UNKNOWN_RELEASE = '1970-01-01T00:00:00Z';

export function toAnthropicModel(model: ClientModel): AnthropicModel {
  return { id: model.id, type: 'model', display_name: model.info?.name ?? model.id, created_at: UNKNOWN_RELEASE };
}

export interface AnthropicPageQuery {
  limit?: number;
  afterId?: string;
  beforeId?: string;
}

/**
 * Anthropic `GET /v1/models` with its cursor paging (`after_id` / `before_id` / `limit`). Without
 * `limit` the whole list is one page (Anthropic defaults to 20; one page is friendlier to clients
 * that do not follow `has_more`, and stays correct for those that do). An unknown cursor gives an
 * empty page.
 */
export function toAnthropicModelPage(models: ClientModel[], query: AnthropicPageQuery): AnthropicModelPage {
  const all = models.map(toAnthropicModel);
  let start = 0;
  let end = all.length;
  if (query.afterId !== undefined) start = all.findIndex((m) => m.id === query.afterId) + 1 || all.length;
  if (query.beforeId !== undefined) end = Math.max(0, all.findIndex((m) => m.id === query.beforeId));
  let page = all.slice(start, end);
  let hasMore = false;
  if (query.limit !== undefined && page.length > query.limit) {
    hasMore = true;
    // Paging backwards keeps the items nearest the cursor, as Anthropic's API does.
    page = query.beforeId !== undefined && query.afterId === undefined ? page.slice(-query.limit) : page.slice(0, query.limit);
  }
  return { data: page, has_more: hasMore, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null };
}
