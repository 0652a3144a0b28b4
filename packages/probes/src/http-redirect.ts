import type { HttpRequestSpec } from './http-exchange';
import type { Language, Wording } from './language';

const SAY: Wording<{ notWeb: (location: string) => string }> = {
  en: { notWeb: (location) => `redirected to "${location}", which is not an http:// or https:// address` },
  fr: { notWeb: (location) => `redirigé vers « ${location} », qui n’est pas une adresse http:// ou https://` },
};

/** Statuses that send the client elsewhere with a `Location`. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Headers that hold a secret for the site that was asked, not for another. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** Is this answer a redirect to follow? */
export function isRedirect(status: number, location: string | undefined): location is string {
  return REDIRECTS.has(status) && location !== undefined && location !== '';
}

/**
 * The request a browser would make next: to `location` read against the current URL; a
 * POST turned into a GET (without its body) after a 303, or a 301 or 302 as browsers do;
 * method and body kept after a 307 or 308. Credentials (in headers or in the URL) go only
 * to the site they were written for. A string says why the redirect cannot be followed,
 * in `language`.
 */
export function redirectedRequest(
  request: HttpRequestSpec,
  status: number,
  location: string,
  language: Language = 'en',
): HttpRequestSpec | string {
  const url = URL.canParse(location, request.url.href) ? new URL(location, request.url) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return SAY[language].notWeb(location);
  }
  const sameSite = url.origin === request.url.origin;
  if (!sameSite) {
    url.username = '';
    url.password = '';
  }
  const toGet = request.method === 'POST' && (status === 301 || status === 302 || status === 303);
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => sameSite || !CREDENTIAL_HEADERS.has(name.toLowerCase())),
  );
  return {
    url,
    method: toGet || (status === 303 && request.method !== 'HEAD') ? 'GET' : request.method,
    headers,
    body: toGet ? undefined : request.body,
  };
}
