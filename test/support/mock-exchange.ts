import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest } from './mock-step.js';

// One shared reason: aborting with a DOMException per request showed up in benchmark profiles.
const EXCHANGE_CLOSED = new Error('mock exchange closed');

/** One request/response pair in flight at the mock, with how it ended. */
export class MockExchange {
  /** Set before the mock itself destroys the socket, so that close is not counted as a client abort. */
  intentionalClose = false;
  /** The response closed (finished, client gone, cut, or server closing). */
  closed = false;
  private controller: AbortController | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly recorded: RecordedRequest,
  ) {}

  /** Aborted once the response closes; created lazily because most exchanges never wait on it. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.closed) this.controller.abort(EXCHANGE_CLOSED);
    }
    return this.controller.signal;
  }

  markClosed(): void {
    this.closed = true;
    this.controller?.abort(EXCHANGE_CLOSED);
  }
}
