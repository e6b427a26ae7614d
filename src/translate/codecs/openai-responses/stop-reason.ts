import type { StopReason } from '../../canonical/index.js';
import { isObject } from '../../json-guards.js';

export interface StatusFacts {
  /** Response `status`. */
  status: unknown;
  /** Response `incomplete_details`. */
  incompleteDetails: unknown;
  hasFunctionCall: boolean;
  hasRefusal: boolean;
}

/** Responses has no stop reason; it is read from status, incomplete_details and the output items. */
export function decodeStopReason(facts: StatusFacts): StopReason {
  switch (facts.status) {
    case 'completed':
      if (facts.hasFunctionCall) return 'tool_use';
      return facts.hasRefusal ? 'refusal' : 'end_turn';
    case 'incomplete': {
      const reason = isObject(facts.incompleteDetails) ? facts.incompleteDetails.reason : undefined;
      if (reason === 'max_output_tokens') return 'max_tokens';
      if (reason === 'content_filter') return 'content_filter';
      return 'other';
    }
    case 'failed':
      return 'error';
    default:
      return 'other';
  }
}

export interface EncodedStatus {
  status: 'completed' | 'incomplete' | 'failed';
  incompleteDetails: { reason: 'max_output_tokens' | 'content_filter' } | null;
}

export function encodeStopReason(reason: StopReason): EncodedStatus {
  switch (reason) {
    case 'max_tokens':
      return { status: 'incomplete', incompleteDetails: { reason: 'max_output_tokens' } };
    case 'content_filter':
      return { status: 'incomplete', incompleteDetails: { reason: 'content_filter' } };
    case 'error':
      return { status: 'failed', incompleteDetails: null };
    default:
      // end_turn, tool_use, stop_sequence, refusal, pause_turn: the turn finished normally.
      return { status: 'completed', incompleteDetails: null };
  }
}
