import { GatewayError } from '../errors/gateway-error.js';
import { UpstreamBlockedError } from './upstream-blocked-error.js';
import { undiciErrors } from './undici-core.js';

/**
 * Turns a failure to talk to the upstream at all (no HTTP status) into a GatewayError. These all
 * fall over: another target may well be reachable.
 */
export function classifyTransportError(error: unknown, providerId: string, phase: 'connect' | 'body'): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof UpstreamBlockedError) {
    return new GatewayError('upstream_blocked', `Refused to connect to ${`provider "${providerId}"`}: ${error.message}`, { status: 502, fallover: true, cause: error });
  }
  const where = `provider "${providerId}"`;
  if (error instanceof undiciErrors.ConnectTimeoutError) {
    return new GatewayError('upstream_timeout', `Timed out connecting to ${where}`, { status: 504, fallover: true, cooldownScope: 'provider', cause: error });
  }
  if (error instanceof undiciErrors.HeadersTimeoutError) {
    return new GatewayError('upstream_timeout', `${where} sent no response before the first-byte timeout`, { status: 504, fallover: true, cooldownScope: 'account', cause: error });
  }
  if (error instanceof undiciErrors.BodyTimeoutError) {
    return new GatewayError('upstream_timeout', `${where} went silent for longer than the idle timeout`, { status: 504, fallover: true, cooldownScope: 'account', cause: error });
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (phase === 'body') {
    return new GatewayError('upstream_protocol_error', `Connection to ${where} broke mid-response: ${message}`, { status: 502, fallover: true, cooldownScope: 'account', cause: error });
  }
  return new GatewayError('upstream_unreachable', `Cannot reach ${where}: ${code ?? message}`, { status: 502, fallover: true, retryable: true, cooldownScope: 'provider', cause: error });
}
