import { describe, expect, it } from 'vitest';
import { requestBytes } from './http-exchange';

const request = (target: string, more: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  requestBytes({ url: new URL(target), method: more.method ?? 'GET', headers: more.headers ?? {}, body: more.body })
    .toString('latin1')
    .split('\r\n');

describe('requestBytes', () => {
  it('asks for the path and query on a connection of its own, naming the host and itself', () => {
    expect(request('http://crm.example:8080/status?full=1#top')).toEqual([
      'GET /status?full=1 HTTP/1.1',
      'Host: crm.example:8080',
      'User-Agent: Vigie',
      'Connection: close',
      '',
      '',
    ]);
    expect(request('https://[::1]/')[1]).toBe('Host: [::1]');
  });

  it('turns credentials in the URL into Basic authorization, decoded first', () => {
    const lines = request('http://sup%40ocm:p%C3%A0ss@crm.example/');
    expect(lines).toContain(`Authorization: Basic ${Buffer.from('sup@ocm:pàss').toString('base64')}`);
    expect(lines.join('\n')).not.toContain('sup%40ocm');
  });

  it('sends the check’s headers, which may replace Host, User-Agent and Authorization but not the framing', () => {
    const lines = request('http://user:pw@crm.example/', {
      headers: {
        host: 'crm.internal',
        'User-Agent': 'supervision',
        Authorization: 'Bearer abc',
        'X-Probe': 'vigie',
        'Content-Length': '99',
        Connection: 'keep-alive',
      },
    });
    expect(lines).toEqual([
      'GET / HTTP/1.1',
      'host: crm.internal',
      'User-Agent: supervision',
      'Authorization: Bearer abc',
      'X-Probe: vigie',
      'Connection: close',
      '',
      '',
    ]);
  });

  it('gives a body its length in bytes, and a POST without body a length of zero', () => {
    const posted = request('http://crm.example/login', { method: 'POST', body: 'nom=Hermès' });
    expect(posted).toContain('Content-Length: 11');
    expect(posted.at(-1)).toBe(Buffer.from('nom=Hermès').toString('latin1'));
    expect(request('http://crm.example/ping', { method: 'POST' })).toContain('Content-Length: 0');
    expect(request('http://crm.example/', { method: 'HEAD' }).join('\n')).not.toContain('Content-Length');
  });
});
