import { randomBytes } from 'node:crypto';

/** Makes OpenAI-looking ids (`resp_…`, `msg_…`, `rs_…`, `fc_…`); injectable so tests are deterministic. */
export type IdGenerator = (prefix: string) => string;

/**
 * Item ids the gateway makes up (for items that did not come from OpenAI) carry this mark. A
 * client sends them back in its next request; they must then not pass for OpenAI's own ids,
 * or the next turn would hand OpenAI an item id it never issued.
 */
const SYNTHETIC_MARK = 'omr';

export function syntheticId(prefix: string, unique: string): string {
  return `${prefix}_${SYNTHETIC_MARK}${unique}`;
}

export function isSyntheticId(id: string): boolean {
  return id.slice(id.indexOf('_') + 1).startsWith(SYNTHETIC_MARK);
}

export const randomId: IdGenerator = (prefix) => syntheticId(prefix, randomBytes(20).toString('hex'));
