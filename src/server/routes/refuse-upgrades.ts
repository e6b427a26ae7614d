import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayError } from '../../errors/gateway-error.js';
import type { WireFormat } from '../../translate/wire-format.js';
import { errorBody } from '../error-response.js';

/**
 * The response to a protocol upgrade (WebSocket) request. 426 is the status Codex treats as "use
 * HTTP instead" and falls back to POST at once; a dropped socket would send it through its retry
 * budget first. The connection closes after the answer: the socket left the HTTP parser when the
 * upgrade was announced, so it cannot carry another request.
 */
export function upgradeRefusal(request: Pick<IncomingMessage, 'url' | 'headers'>, formatOfPath: (url: string) => WireFormat, requestId: string): string {
  const url = request.url ?? '/';
  const protocol = String(request.headers.upgrade ?? 'the requested protocol');
  const error = new GatewayError('invalid_request', `Upgrading to ${protocol} is not supported on ${url.split('?')[0]}; send the request with HTTP POST instead`, { status: 426 });
  const body = JSON.stringify(errorBody(error, formatOfPath(url)));
  return [
    'HTTP/1.1 426 Upgrade Required',
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `x-request-id: ${requestId}`,
    '',
    body,
  ].join('\r\n');
}

/**
 * Answers every upgrade request on the server with 426 (Node would otherwise hand it to no one
 * or, depending on the version, drop the socket without a word).
 */
export function refuseUpgrades(server: Server, options: { formatOfPath: (url: string) => WireFormat; requestIdOf: (request: IncomingMessage) => string }): void {
  server.on('upgrade', (request: IncomingMessage, socket: Duplex) => {
    // A client that already hung up must not crash the gateway with an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(upgradeRefusal(request, options.formatOfPath, options.requestIdOf(request)));
  });
}
