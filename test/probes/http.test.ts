import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpProbe, parseProbeConfig, runProbe, type Language } from '@vigie/probes';
import { freePort, tempFolder } from '../support/peers/process';

const folder = tempFolder('http-probe');
afterAll(() => folder.remove());

/** A self-signed certificate for 127.0.0.1, made by the openssl command line. */
function selfSignedCertificate(name: string, days: number): { key: string; cert: string; certFile: string } {
  const keyFile = join(folder.path, `${name}.key`);
  const certFile = join(folder.path, `${name}.crt`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', String(days),
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' }); // prettier-ignore
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A small status page: /ok, /busy (503), /moved (302), /slow (300 ms), /hang (never answers),
 * /stalled (headers, then part of the body, then nothing), /large (2 MB), /to-ftp (a 302 to
 * an ftp:// address).
 */
const statusPage: RequestListener = (request, response) => {
  if (request.url === '/ok') return response.end('<html><body>Hermes CRM: status OK</body></html>');
  if (request.url === '/error-page') return response.end('<html>status OK but ERROR: database locked</html>');
  if (request.url === '/busy') {
    response.statusCode = 503;
    return response.end('maintenance');
  }
  if (request.url === '/moved') {
    response.writeHead(302, { location: '/ok' });
    return response.end();
  }
  if (request.url === '/slow') {
    setTimeout(() => response.end('OK, slowly'), 300);
    return;
  }
  if (request.url === '/hang') return; // never answers
  if (request.url === '/stalled') {
    response.writeHead(200, { 'content-length': '100' });
    return response.write('<html>'); // the other 94 bytes never come
  }
  if (request.url === '/large') return response.end('x'.repeat(2_000_000));
  if (request.url === '/health') {
    response.setHeader('content-type', 'application/json');
    return response.end(JSON.stringify({ status: 'UP', queue: { waiting: 42 } }));
  }
  if (request.url === '/to-ftp') {
    response.writeHead(302, { location: 'ftp://files.example/' });
    return response.end();
  }
  if (request.url === '/loop') {
    response.writeHead(302, { location: '/loop' });
    return response.end();
  }
  if (request.url === '/see-other') {
    response.writeHead(303, { location: '/echo?after=303' });
    return response.end();
  }
  if (request.url === '/chunked') {
    // Sent in pieces, chunked: the keyword straddles two of them.
    response.write('<html><body>Hermes CRM: sta');
    setTimeout(() => response.end('tus OK</body></html>'), 20);
    return;
  }
  if (request.url === '/private') {
    const expected = `Basic ${Buffer.from('supervision@ocm:mot de passe').toString('base64')}`;
    response.statusCode = request.headers.authorization === expected ? 200 : 401;
    return response.end(response.statusCode === 200 ? 'welcome' : 'who are you?');
  }
  if (request.url?.startsWith('/echo')) {
    // Says back what it received: method, path, a header, the body.
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (part: string) => (body += part));
    request.on('end', () =>
      response.end(`${request.method} ${request.url} x-site=${String(request.headers['x-site'])} body=${body}`),
    );
    return;
  }
  response.statusCode = 404;
  response.end();
};

const run = (input: Record<string, unknown>, timeoutMs = 10_000, language?: Language) =>
  runProbe(httpProbe, input as { target: string }, { timeoutMs, language }).then((outcome) => {
    if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
    return outcome.result;
  });

/** Serves the status page on loopback for the tests of one describe block; gives its base URL. */
function servedStatusPage(): { readonly base: string } {
  let server: Server;
  const served = { base: '' };
  beforeAll(async () => {
    server = createHttpServer(statusPage);
    served.base = `http://127.0.0.1:${await listen(server)}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  return served;
}

describe('http probe against a local HTTP server', () => {
  const served = servedStatusPage();

  it('is up on 200 with the keyword present, and reports the status code', async () => {
    const result = await run({ target: `${served.base}/ok`, keyword: 'status OK' });
    expect(result.status).toBe('up');
    expect(result.message).toMatch(/^HTTP 200 OK from http:\/\/127\.0\.0\.1:\d+\/ok after [\d.]+ ms$/);
    expect(result.values).toMatchObject({ statusCode: 200, keywordFound: true });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('is down when the keyword is missing from the page', async () => {
    const result = await run({ target: `${served.base}/ok`, keyword: 'Welcome' });
    expect(result.status).toBe('down');
    expect(result.message).toContain('the keyword "Welcome" is missing from the page');
    expect(result.values.keywordFound).toBe(false);
  });

  it('is down when the page contains the text that must be absent', async () => {
    const result = await run({ target: `${served.base}/error-page`, keyword: 'status OK', absentKeyword: 'ERROR' });
    expect(result.status).toBe('down');
    expect(result.message).toContain('the page contains "ERROR"');
  });

  it('is down on a 503, naming the status', async () => {
    const result = await run({ target: `${served.base}/busy` });
    expect(result.status).toBe('down');
    expect(result.message).toContain('HTTP 503 Service Unavailable from');
    expect(result.message).toContain('expected 200-399');
    expect(result.values.statusCode).toBe(503);
  });

  it('accepts a redirect by default, and refuses it when only 2xx is expected', async () => {
    expect((await run({ target: `${served.base}/moved` })).status).toBe('up');
    const strict = await run({ target: `${served.base}/moved`, status: '200-299' });
    expect(strict.status).toBe('down');
    expect(strict.message).toContain('HTTP 302 Found');
  });

  it('follows redirects when asked, judging the page it lands on', async () => {
    const result = await run({
      target: `${served.base}/moved`,
      maxRedirects: 3,
      status: '200-299',
      keyword: 'status OK',
    });
    expect(result.status).toBe('up');
    expect(result.message).toMatch(
      /^HTTP 200 OK from http:\/\/127\.0\.0\.1:\d+\/ok after [\d.]+ ms \(one redirect from http:\/\/127\.0\.0\.1:\d+\/moved\)$/,
    );
    expect(result.values).toMatchObject({ redirects: 1, finalUrl: `${served.base}/ok`, keywordFound: true });
    // A form posted, then "see other": the next page is fetched with a GET.
    const posted = await run({
      target: `${served.base}/see-other`,
      method: 'POST',
      body: 'a=1',
      maxRedirects: 1,
      keyword: 'GET /echo?after=303',
      absentKeyword: 'a=1',
    });
    expect(posted.status).toBe('up');
    expect(posted.values.finalUrl).toBe(`${served.base}/echo?after=303`);
  });

  it('is down when redirects go on past maxRedirects', async () => {
    const result = await run({ target: `${served.base}/loop`, maxRedirects: 4 });
    expect(result.status).toBe('down');
    expect(result.message).toContain('HTTP 302 Found from');
    expect(result.message).toContain('still redirected after 4 redirects');
    expect(result.values.redirects).toBe(4);
  });

  it('reads a value in a JSON page and judges it, as a status endpoint is watched', async () => {
    const up = await run({ target: `${served.base}/health`, json: 'status', equals: 'UP' });
    expect(up.status).toBe('up');
    expect(up.values.jsonValue).toBe('UP');
    const busy = await run({ target: `${served.base}/health`, json: '$.queue.waiting', max: 20 });
    expect(busy.status).toBe('down');
    expect(busy.message).toContain('queue.waiting is 42, above the maximum 20');
    const html = await run({ target: `${served.base}/ok`, json: 'status', equals: 'UP' });
    expect(html.status).toBe('down');
    expect(html.message).toContain('the page is not JSON');
  });

  it('is degraded when slower than maxLatency', async () => {
    const result = await run({ target: `${served.base}/slow`, maxLatency: '100ms' });
    expect(result.status).toBe('degraded');
    expect(result.message).toContain('slower than 100 ms');
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
  });

  it('is down with "no answer" when the server never answers before the timeout', async () => {
    const result = await run({ target: `${served.base}/hang` }, 800);
    expect(result.status).toBe('down');
    expect(result.message).toMatch(/^No HTTP answer from http:\/\/127\.0\.0\.1:\d+\/hang within [\d.]+ ms$/);
  });

  it('is down when the page stops arriving before the timeout, although its status came', async () => {
    const result = await run({ target: `${served.base}/stalled` }, 800);
    expect(result.status).toBe('down');
    expect(result.message).toMatch(/^No HTTP answer from http:\/\/127\.0\.0\.1:\d+\/stalled within [\d.]+ ms$/);
  });

  it('does not wait for a large page when no keyword is looked for', async () => {
    const result = await run({ target: `${served.base}/large` }, 5_000);
    expect(result.status).toBe('up');
    expect(result.message).toMatch(/^HTTP 200 OK from /);
  });

  it('reads a chunked page to find a keyword that straddles two chunks', async () => {
    const result = await run({ target: `${served.base}/chunked`, keyword: 'status OK' });
    expect(result.status).toBe('up');
    expect(result.values).toMatchObject({ keywordFound: true, bodyBytes: 47 });
  });

  it('sends the method, the headers and the body of the check', async () => {
    const posted = await run({
      target: `${served.base}/echo?from=vigie`,
      method: 'POST',
      headers: { 'X-Site': 'Douala' },
      body: 'ping=Hermès',
      keyword: 'POST /echo?from=vigie x-site=Douala body=ping=Hermès',
    });
    expect(posted.status).toBe('up');
    const head = await run({ target: `${served.base}/ok`, method: 'HEAD' });
    expect(head.status).toBe('up');
    expect(head.values.statusCode).toBe(200);
  });

  it('logs in with the credentials written in the URL, and never shows them', async () => {
    const target = served.base.replace('//', '//supervision%40ocm:mot%20de%20passe@');
    const result = await run({ target: `${target}/private`, keyword: 'welcome' });
    expect(result.status).toBe('up');
    expect(result.message).not.toContain('passe');
    expect((await run({ target: `${served.base}/private` })).values.statusCode).toBe(401);
  });

  it('reaches a server on an IPv6 address', async () => {
    const server6 = createHttpServer(statusPage);
    await new Promise<void>((resolve) => server6.listen(0, '::1', resolve));
    const { port } = server6.address() as { port: number };
    try {
      const result = await run({ target: `http://[::1]:${port}/ok`, keyword: 'status OK' });
      expect(result.status).toBe('up');
      expect(result.message).toMatch(/^HTTP 200 OK from http:\/\/\[::1\]:\d+\/ok after/);
    } finally {
      server6.close();
    }
  });

  it('is down with "connection refused" when nothing listens', async () => {
    const port = await freePort();
    const result = await run({ target: `http://127.0.0.1:${port}/` });
    expect(result.status).toBe('down');
    expect(result.message).toContain('connection refused');
  });

  it('is down, without throwing, when the peer answers something that is not HTTP', async () => {
    const garbage = createTcpServer((socket) => socket.end('220 mail.example ESMTP ready\r\n'));
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    const { port } = garbage.address() as { port: number };
    try {
      const result = await run({ target: `http://127.0.0.1:${port}/` });
      expect(result.status).toBe('down');
      expect(result.message).toMatch(/^Unreadable HTTP answer from http:\/\/127\.0\.0\.1:\d+\/: .+/);
    } finally {
      garbage.close();
    }
  });
});

describe('http probe in French, against a local HTTP server', () => {
  const served = servedStatusPage();
  const french = (input: Record<string, unknown>, timeoutMs = 10_000) => run(input, timeoutMs, 'fr');
  const at = (path: string) => `${served.base}${path}`.replace(/[.?]/g, '\\$&');

  it('sums up a page that is up: status, address, time with a decimal comma', async () => {
    const result = await french({ target: `${served.base}/ok`, keyword: 'status OK' });
    expect(result.status).toBe('up');
    expect(result.message).toMatch(new RegExp(`^HTTP 200 OK de ${at('/ok')} en \\d+(,\\d)? ms$`));
  });

  it('lists the problems after « : », separated by « ; »', async () => {
    const result = await french({ target: `${served.base}/busy`, keyword: 'status OK' });
    expect(result.status).toBe('down');
    expect(result.message).toMatch(
      new RegExp(
        `^HTTP 503 Service Unavailable de ${at('/busy')} en [\\d,]+ ms : ` +
          'attendu 200-399 ; le mot-clé « status OK » est absent de la page$',
      ),
    );
    const error = await french({ target: `${served.base}/error-page`, absentKeyword: 'ERROR' });
    expect(error.status).toBe('down');
    expect(error.message).toMatch(/ : la page contient « ERROR »$/);
  });

  it('judges a JSON value in French', async () => {
    const busy = await french({ target: `${served.base}/health`, json: '$.queue.waiting', max: 20 });
    expect(busy.status).toBe('down');
    expect(busy.message).toMatch(/ : queue\.waiting vaut 42, au-dessus du maximum 20$/);
    const html = await french({ target: `${served.base}/ok`, json: 'status', equals: 'UP' });
    expect(html.message).toMatch(/ : la page n’est pas du JSON$/);
  });

  it('tells the redirects followed, and why it stopped following them', async () => {
    const moved = await french({ target: `${served.base}/moved`, maxRedirects: 3 });
    expect(moved.status).toBe('up');
    expect(moved.message).toMatch(
      new RegExp(`^HTTP 200 OK de ${at('/ok')} en [\\d,]+ ms \\(une redirection depuis ${at('/moved')}\\)$`),
    );
    const loop = await french({ target: `${served.base}/loop`, maxRedirects: 2 });
    expect(loop.status).toBe('down');
    expect(loop.message).toMatch(
      new RegExp(`^HTTP 302 Found de ${at('/loop')} en [\\d,]+ ms \\(2 redirections depuis ${at('/loop')}\\) : `),
    );
    expect(loop.message).toMatch(/ : toujours redirigé après 2 redirections$/);
    const once = await french({ target: `${served.base}/loop`, maxRedirects: 1 });
    expect(once.message).toMatch(/\(une redirection depuis .+\) : toujours redirigé après 1 redirection$/);
  });

  it('says in both languages that a redirect to an ftp:// address cannot be followed', async () => {
    const english = await run({ target: `${served.base}/to-ftp`, maxRedirects: 1 });
    expect(english.status).toBe('down');
    expect(english.message).toMatch(
      /: redirected to "ftp:\/\/files\.example\/", which is not an http:\/\/ or https:\/\/ address$/,
    );
    const result = await french({ target: `${served.base}/to-ftp`, maxRedirects: 1 });
    expect(result.status).toBe('down');
    expect(result.message).toMatch(
      new RegExp(
        `^HTTP 302 Found de ${at('/to-ftp')} en [\\d,]+ ms : ` +
          'redirigé vers « ftp://files\\.example/ », qui n’est pas une adresse http:// ou https://$',
      ),
    );
  });

  it('is degraded when slower than maxLatency, the bound written with a decimal comma', async () => {
    const result = await french({ target: `${served.base}/ok`, maxLatency: 0 });
    expect(result.status).toBe('degraded');
    expect(result.message).toMatch(/ : plus lent que 0,0 ms$/);
  });

  it('is down with « aucune réponse » when the server never answers before the timeout', async () => {
    const result = await french({ target: `${served.base}/hang` }, 800);
    expect(result.status).toBe('down');
    expect(result.message).toMatch(new RegExp(`^Aucune réponse HTTP de ${at('/hang')} en \\d+ ms$`));
  });

  it('is down with « connexion refusée » when nothing listens', async () => {
    const port = await freePort();
    const result = await french({ target: `http://127.0.0.1:${port}/` });
    expect(result.status).toBe('down');
    expect(result.message).toMatch(
      new RegExp(`^Aucune réponse HTTP de http://127\\.0\\.0\\.1:${port}/ : connexion refusée \\(après [\\d,]+ ms\\)$`),
    );
  });

  it('tells an answer that is not HTTP, and a connection closed too early, in French', async () => {
    // /smtp greets like a mail server; /closed reads the request and hangs up; /cut sends part of a page.
    const peer = createTcpServer((socket) =>
      socket.once('data', (request: Buffer) => {
        const path = request.toString('latin1').split(' ')[1];
        if (path === '/smtp') socket.end('220 mail.example ESMTP ready\r\n');
        else if (path === '/cut') socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n<html>');
        else socket.end();
      }),
    );
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    const { port } = peer.address() as { port: number };
    const url = `http://127\\.0\\.0\\.1:${port}`;
    try {
      const smtp = await french({ target: `http://127.0.0.1:${port}/smtp` });
      expect(smtp.status).toBe('down');
      expect(smtp.message).toMatch(
        new RegExp(
          `^Réponse HTTP illisible de ${url}/smtp : « 220 mail\\.example ESMTP ready » n’est pas une réponse HTTP ` +
            '\\(après [\\d,]+ ms\\)$',
        ),
      );
      const closed = await french({ target: `http://127.0.0.1:${port}/closed` });
      expect(closed.status).toBe('down');
      expect(closed.message).toMatch(
        new RegExp(`^Aucune réponse HTTP de ${url}/closed : connexion fermée sans réponse \\(après [\\d,]+ ms\\)$`),
      );
      const cut = await french({ target: `http://127.0.0.1:${port}/cut`, keyword: 'OK' });
      expect(cut.status).toBe('down');
      expect(cut.message).toMatch(/ : connexion fermée après 6 octets de la page \(après [\d,]+ ms\)$/);
      // The same in English, as the reader's errors say it.
      const english = await run({ target: `http://127.0.0.1:${port}/cut`, keyword: 'OK' });
      expect(english.message).toMatch(/: the connection closed after 6 bytes of the page \(after [\d.]+ ms\)$/);
    } finally {
      peer.close();
    }
  });
});

describe('http probe against a local HTTPS server', () => {
  const servers: Server[] = [];
  async function httpsServer(days: number): Promise<{ url: string; certFile: string }> {
    const { key, cert, certFile } = selfSignedCertificate(`cert-${days}d`, days);
    const server = createHttpsServer({ key, cert }, statusPage);
    servers.push(server);
    return { url: `https://127.0.0.1:${await listen(server)}/ok`, certFile };
  }
  afterAll(() => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  });

  it('is down when the certificate is self-signed and not trusted', async () => {
    const { url } = await httpsServer(90);
    const result = await run({ target: url });
    expect(result.status).toBe('down');
    expect(result.message).toContain('TLS certificate is self-signed and not trusted');
  });

  it('is up when the certificate is trusted through caFile, and reports its days left', async () => {
    const { url, certFile } = await httpsServer(90);
    const result = await run({ target: url, caFile: certFile, keyword: 'OK' });
    expect(result.status).toBe('up');
    expect(result.values.certDaysLeft).toBeGreaterThanOrEqual(89);
    expect(result.values.certDaysLeft).toBeLessThanOrEqual(90);
  });

  it('tells certificate problems in French', async () => {
    const { url } = await httpsServer(5);
    const untrusted = await run({ target: url }, 10_000, 'fr');
    expect(untrusted.status).toBe('down');
    expect(untrusted.message).toMatch(
      /^Aucune réponse HTTP de https:\/\/127\.0\.0\.1:\d+\/ok : certificat TLS auto-signé, non reconnu \(après [\d,]+ ms\)$/,
    );
    const expiring = await run({ target: url, insecure: true }, 10_000, 'fr');
    expect(expiring.status).toBe('degraded');
    expect(expiring.message).toMatch(/ : son certificat TLS expire dans [45] jours \(moins de 14\)$/);
  });

  it('is degraded when the certificate expires in fewer days than certMinDays', async () => {
    const { url } = await httpsServer(5);
    const result = await run({ target: url, insecure: 'true' });
    expect(result.status).toBe('degraded');
    expect(result.message).toMatch(/its TLS certificate expires in [45] days \(under 14\)$/);
    const relaxed = await run({ target: url, insecure: true, certMinDays: 3 });
    expect(relaxed.status).toBe('up');
  });
});

describe('http probe configuration', () => {
  it('lists every problem at once, in words', () => {
    const parsed = parseProbeConfig(httpProbe, {
      target: 'ftp://files.example',
      status: '2xx',
      maxLatency: 'fast',
      keywrod: 'OK',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      'target: "ftp://files.example" is not an http:// or https:// URL',
      'status: "2xx" is not a list of status codes such as 200-299,301',
      'maxLatency: "fast" is not a duration such as 500ms, 2s or 1m',
      'unknown option "keywrod"',
    ]);
  });

  it('refuses a header that could not be sent as written', () => {
    const parsed = parseProbeConfig(httpProbe, {
      target: 'http://crm.example/',
      headers: { 'X Site': 'Douala', 'X-Note': 'one\r\nHost: elsewhere' },
    });
    expect(parsed).toEqual({
      ok: false,
      problems: [
        'headers.X-Note: a header value holds printable Latin-1 characters only (no line break)',
        'headers: "X Site" is not a header name',
      ],
    });
  });

  it('refuses bounds without a JSON value to judge, and a path it cannot read', () => {
    expect(parseProbeConfig(httpProbe, { target: 'http://crm.example/', max: '20', equals: 'UP' })).toEqual({
      ok: false,
      problems: ['max, equals need json: the path of the value to judge'],
    });
    expect(parseProbeConfig(httpProbe, { target: 'http://crm.example/', json: 'queue[x]' })).toEqual({
      ok: false,
      problems: ['json: "queue[x]" is not a JSON path such as status, checks[0].state or db["read-only"]'],
    });
  });

  it('asks for a target when there is none', () => {
    const parsed = parseProbeConfig(httpProbe, {});
    expect(parsed).toEqual({ ok: false, problems: ['target: the target is required: an http:// or https:// URL'] });
  });
});
