import { describe, expect, it } from 'vitest';
import type { HttpRequestSpec } from './http-exchange';
import { isRedirect, redirectedRequest } from './http-redirect';

const post: HttpRequestSpec = {
  url: new URL('https://sup:secret@crm.example/login?next=1'),
  method: 'POST',
  headers: { Authorization: 'Bearer abc', Cookie: 'session=1', 'X-Site': 'Douala' },
  body: 'nom=agent',
};

describe('following a redirect', () => {
  it('follows 301, 302, 303, 307 and 308 with a Location, nothing else', () => {
    for (const status of [301, 302, 303, 307, 308]) expect(isRedirect(status, '/next')).toBe(true);
    expect(isRedirect(302, undefined)).toBe(false);
    expect(isRedirect(302, '')).toBe(false);
    expect(isRedirect(300, '/next')).toBe(false);
    expect(isRedirect(304, '/next')).toBe(false);
  });

  it('reads the Location against the current address, keeping credentials on the same site', () => {
    const next = redirectedRequest(post, 307, '/home');
    expect(next).toEqual({ ...post, url: new URL('https://sup:secret@crm.example/home') });
  });

  it('turns a POST into a GET without body after 301, 302 and 303, as browsers do; 307 and 308 keep it', () => {
    for (const status of [301, 302, 303]) {
      expect(redirectedRequest(post, status, '/home')).toMatchObject({ method: 'GET', body: undefined });
    }
    for (const status of [307, 308]) {
      expect(redirectedRequest(post, status, '/home')).toMatchObject({ method: 'POST', body: 'nom=agent' });
    }
    expect(redirectedRequest({ ...post, method: 'HEAD', body: undefined }, 303, '/home')).toMatchObject({
      method: 'HEAD',
    });
  });

  it('gives no credentials to another site', () => {
    const next = redirectedRequest(post, 302, 'https://sso.example/auth');
    expect(next).toEqual({
      url: new URL('https://sso.example/auth'),
      method: 'GET',
      headers: { 'X-Site': 'Douala' },
      body: undefined,
    });
    // Another port or scheme is another site too.
    expect(redirectedRequest(post, 307, 'http://crm.example/login')).toMatchObject({ headers: { 'X-Site': 'Douala' } });
  });

  it('says why it cannot follow a Location that is not a web address', () => {
    expect(redirectedRequest(post, 302, 'ftp://files.example/')).toBe(
      'redirected to "ftp://files.example/", which is not an http:// or https:// address',
    );
    expect(redirectedRequest(post, 302, 'http://[broken')).toMatch(/^redirected to "http:\/\/\[broken"/);
  });

  it('says it in French when asked', () => {
    expect(redirectedRequest(post, 302, 'ftp://files.example/', 'fr')).toBe(
      'redirigé vers « ftp://files.example/ », qui n’est pas une adresse http:// ou https://',
    );
    expect(redirectedRequest(post, 307, '/home', 'fr')).toMatchObject({ method: 'POST' });
  });
});
