import type { WireFormat } from '../../wire-format.js';

/** This codec's wire format, the `origin` it stamps on opaque state it decodes. */
export const ANTHROPIC_FORMAT: WireFormat = 'anthropic-messages';
