/**
 * What an upstream error message says when its code does not: used where the failure is
 * classified and again where it is rendered for the client, so both read it the same way.
 */
export const CONTEXT_LENGTH_HINT = /context.?length|context window|maximum context|prompt is too long|too many tokens|input is too long|context_length_exceeded/i;
export const QUOTA_HINT = /insufficient_quota|quota|credit|billing|exceeded your current/i;
