const USABLE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/**
 * The client's own `x-request-id`, when it is one we can echo and store (printable, ≤ 128 chars).
 * It is echoed back in `x-request-id` and kept in the request log for search, but it never keys
 * anything: clients reuse ids, so the gateway's own time-ordered id does that.
 */
export function clientRequestIdOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const fromClient = headers['x-request-id'];
  return typeof fromClient === 'string' && USABLE_REQUEST_ID.test(fromClient) ? fromClient : undefined;
}
