/** A connection the SSRF guard refused; classified like other transport failures. */
export class UpstreamBlockedError extends Error {
  readonly code = 'EOMNIROUTE_UPSTREAM_BLOCKED';
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamBlockedError';
  }
}
