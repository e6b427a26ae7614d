/**
 * A response the mock can send: either one body (`streamed: false`, sent with
 * content-length) or a sequence of chunks written one `write` each.
 */
export interface MockReply {
  status: number;
  headers: Record<string, string>;
  chunks: readonly (Buffer | string)[];
  streamed: boolean;
}

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
};

export const JSON_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
};

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): MockReply {
  return {
    status,
    headers: { ...JSON_HEADERS, ...headers },
    chunks: [JSON.stringify(value)],
    streamed: false,
  };
}
