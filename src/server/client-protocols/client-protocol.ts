import type { ClientFormat } from '../../translate/wire-format.js';

/** What the gateway needs to know about an inbound call before routing it. */
export interface ClientRequest {
  body: Record<string, unknown>;
  /** The model string as the client wrote it (`prefix/model`, combo or alias). */
  model: string;
  stream: boolean;
  /** OpenAI `stream_options.include_usage`; other formats always carry usage. */
  includeUsage: boolean;
}

/**
 * One client-facing wire format: how to read its requests and how to forward them unchanged to an
 * upstream of the same format (DESIGN.md §3: pass-through changes only the model).
 */
export interface ClientProtocol {
  format: ClientFormat;
  readRequest(body: unknown, route: { model?: string; stream?: boolean }): ClientRequest;
  /** Absent for a format no upstream speaks (legacy Completions): its calls are always translated. */
  passThroughBody?(request: ClientRequest, upstreamModel: string): Record<string, unknown>;
  /** Refuses, with a clear error, what cannot survive translation to another format. */
  checkTranslatable?(request: ClientRequest): void;
}
