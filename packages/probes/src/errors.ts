const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the peer',
  EPIPE: 'connection closed by the peer',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available on this machine',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name could not be resolved (temporary failure)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain ends in an untrusted self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate is not signed by a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS certificate is not signed by a trusted authority',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  CERT_NOT_YET_VALID: 'TLS certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not name this host',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the peer does not speak TLS on this port',
  EPROTO: 'TLS handshake failed',
};

/** The first known error code along an error's cause chain (undici and pg wrap socket errors). */
function knownReason(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || !(error instanceof Error)) return undefined;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const reason = knownReason(inner, depth + 1);
      if (reason) return reason;
    }
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code && NETWORK_REASONS[code]) return NETWORK_REASONS[code];
  return knownReason(error.cause, depth + 1);
}

/** Turns an error from a socket, a TLS handshake or a client library into a short English reason. */
export function describeError(error: unknown): string {
  const known = knownReason(error);
  if (known) return known;
  if (error instanceof Error) return error.message.trim() || error.name;
  return String(error);
}
