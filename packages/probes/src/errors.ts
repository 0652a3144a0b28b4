import { WordedError, type Language, type Wording } from './language';

const NETWORK_REASONS_EN: Record<string, string> = {
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

const NETWORK_REASONS_FR: Record<string, string> = {
  ECONNREFUSED: 'connexion refusée',
  ECONNRESET: 'connexion coupée par le correspondant',
  EPIPE: 'connexion fermée par le correspondant',
  ETIMEDOUT: 'délai de connexion dépassé',
  EHOSTUNREACH: 'hôte injoignable',
  ENETUNREACH: 'réseau injoignable',
  EADDRNOTAVAIL: 'adresse indisponible sur cette machine',
  ENOTFOUND: 'nom d’hôte introuvable',
  EAI_AGAIN: 'nom d’hôte non résolu (échec temporaire)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificat TLS auto-signé, non reconnu',
  SELF_SIGNED_CERT_IN_CHAIN: 'la chaîne du certificat TLS finit par un certificat auto-signé non reconnu',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificat TLS non signé par une autorité reconnue',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificat TLS non signé par une autorité reconnue',
  CERT_HAS_EXPIRED: 'certificat TLS expiré',
  CERT_NOT_YET_VALID: 'certificat TLS pas encore valide',
  ERR_TLS_CERT_ALTNAME_INVALID: 'le certificat TLS ne porte pas le nom de cet hôte',
  ERR_SSL_WRONG_VERSION_NUMBER: 'le correspondant ne parle pas TLS sur ce port',
  EPROTO: 'échec de la négociation TLS',
};

const NETWORK_REASONS: Wording<Record<string, string>> = { en: NETWORK_REASONS_EN, fr: NETWORK_REASONS_FR };

/** The first known error code along an error's cause chain (undici and pg wrap socket errors). */
function knownReason(error: unknown, reasons: Record<string, string>, depth = 0): string | undefined {
  if (depth > 4 || !(error instanceof Error)) return undefined;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const reason = knownReason(inner, reasons, depth + 1);
      if (reason) return reason;
    }
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code && reasons[code]) return reasons[code];
  return knownReason(error.cause, reasons, depth + 1);
}

/**
 * Turns an error from a socket, a TLS handshake or a client library into a short reason in
 * the language asked (a probe's own `WordedError` in its words for that language); a library's
 * own words (a server's error message) are given as they are.
 */
export function describeError(error: unknown, language: Language = 'en'): string {
  if (error instanceof WordedError) return error.reason(language);
  const known = knownReason(error, NETWORK_REASONS[language]);
  if (known) return known;
  if (error instanceof Error) return error.message.trim() || error.name;
  return String(error);
}
