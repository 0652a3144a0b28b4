import { describe, expect, it } from 'vitest';
import { describeDestination, DestinationSpecSchema } from './destination-spec';

describe('destination on the command line', () => {
  it.each([
    { text: '/mnt/audio', spec: { kind: 'folder', path: '/mnt/audio' } },
    { text: 'D:\\Archives\\Audio', spec: { kind: 'folder', path: 'D:\\Archives\\Audio' } },
    {
      text: 'sftp://archive@10.0.0.40/srv/audio/',
      spec: { kind: 'sftp', user: 'archive', host: '10.0.0.40', port: 22, path: '/srv/audio' },
    },
    {
      text: 'sftp://archive@stock:2222/~/audio',
      spec: { kind: 'sftp', user: 'archive', host: 'stock', port: 2222, path: 'audio' },
    },
    {
      text: 'sftp://archive@[::1]:2222/~',
      spec: { kind: 'sftp', user: 'archive', host: '::1', port: 2222, path: '.' },
    },
    {
      text: 'sftp://a%40b@stock/enregistrements%20audio',
      spec: { kind: 'sftp', user: 'a@b', host: 'stock', port: 22, path: '/enregistrements audio' },
    },
  ])('reads $text', ({ text, spec }) => {
    expect(DestinationSpecSchema.parse(text)).toEqual(spec);
  });

  it.each([
    { text: 'sftp://stock/srv', problem: /lacks the user/ },
    { text: 'sftp://archive:secret@stock/srv', problem: /no password/ },
    { text: 'ftp://archive@stock/srv', problem: /not supported/ },
    { text: '', problem: /empty/ },
  ])('refuses $text', ({ text, problem }) => {
    const result = DestinationSpecSchema.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(problem);
  });

  it('names an SFTP destination without secrets, the same way each run (the index key)', () => {
    expect(describeDestination(DestinationSpecSchema.parse('sftp://archive@stock/~/audio'))).toBe(
      'sftp://archive@stock:22/~/audio',
    );
    expect(describeDestination(DestinationSpecSchema.parse('sftp://archive@[::1]:2222/srv'))).toBe(
      'sftp://archive@[::1]:2222/srv',
    );
  });
});
