import { request } from 'undici';

export interface CollectedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Body chunks as the client received them. */
  chunks: Buffer[];
}

export async function send(
  url: string,
  options: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> } = {},
): Promise<CollectedResponse> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const response = await request(url, {
    method,
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const chunks: Buffer[] = [];
  for await (const chunk of response.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks), chunks };
}

/** The `data:` payloads of an SSE body (either line ending), ignoring comments and `event:` lines. */
export function sseData(body: Buffer | string): string[] {
  return body
    .toString()
    .split(/\r\n|\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trimStart());
}
