import type { ReasoningPart } from '../../canonical/index.js';
import type { JsonObject } from '../../json-guards.js';

/**
 * Rebuilds Responses `reasoning` items from canonical reasoning parts. Consecutive parts of
 * Responses origin with the same item id belong to one item (its summary parts, then raw
 * `reasoning_text` parts); the part carrying `encrypted_content` is the item's last. Parts of
 * foreign origin are either dropped (requests: Responses accepts only its own reasoning items) or
 * each become a fresh item without opaque state (responses to clients).
 */
export class ReasoningGrouper {
  private current: { item: JsonObject; itemId: string | undefined } | undefined;

  constructor(
    private readonly keepForeign: boolean,
    private readonly newItemId: () => string | undefined,
  ) {}

  /** Call when a non-reasoning part comes between reasoning parts. */
  reset(): void {
    this.current = undefined;
  }

  /** Adds the part; returns the item it opened, which the caller appends to its list. */
  add(part: ReasoningPart): JsonObject | undefined {
    const own = part.opaque?.origin === 'openai-responses' ? part.opaque : undefined;
    if (own === undefined && (!this.keepForeign || part.text === '')) return undefined;
    const itemId = own?.itemId;
    const current = this.current;
    const continues =
      own !== undefined &&
      current !== undefined &&
      itemId !== undefined &&
      current.itemId === itemId &&
      current.item.encrypted_content === undefined;
    let opened: JsonObject | undefined;
    let target: JsonObject;
    if (continues) {
      target = current.item;
    } else {
      target = { type: 'reasoning', id: itemId ?? this.newItemId(), summary: [] };
      if (target.id === undefined) delete target.id;
      this.current = { item: target, itemId: own === undefined ? undefined : itemId };
      opened = target;
    }
    appendText(target, part);
    if (own?.encryptedContent !== undefined) target.encrypted_content = own.encryptedContent;
    return opened;
  }
}

function appendText(item: JsonObject, part: ReasoningPart): void {
  if (part.summary === false) {
    const content = Array.isArray(item.content) ? item.content : [];
    content.push({ type: 'reasoning_text', text: part.text });
    item.content = content;
  } else if (part.text !== '' || part.summary === true) {
    const summary = Array.isArray(item.summary) ? item.summary : [];
    summary.push({ type: 'summary_text', text: part.text });
    item.summary = summary;
  }
}
