import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseSha256sumOutput, shellQuote } from './remote-sha256';

const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('remote sha256sum', () => {
  it('reads the checksum of sha256sum in binary and text mode, and of escaped names', () => {
    expect(parseSha256sumOutput(`${SHA} *audio/call 1.wav\n`)).toBe(SHA);
    expect(parseSha256sumOutput(`${SHA}  audio/call.wav\n`)).toBe(SHA);
    expect(parseSha256sumOutput(`\\${SHA} *audio/line\\nbreak.wav\n`)).toBe(SHA);
  });

  it('trusts nothing else: errors, truncated or upper-case output, an SFTP banner', () => {
    expect(parseSha256sumOutput('sha256sum: audio/x.wav: No such file or directory\n')).toBeUndefined();
    expect(parseSha256sumOutput(SHA.slice(0, 40))).toBeUndefined();
    expect(parseSha256sumOutput(`${SHA.toUpperCase()} *x`)).toBeUndefined();
    expect(parseSha256sumOutput('')).toBeUndefined();
  });

  it.each(['plain.wav', "it's here.wav", '$(touch /tmp/x) `id`.wav', 'a "b" \\ c\nd.wav', '-rf'])(
    'quotes %j so that a POSIX shell reads it back unchanged',
    (name) => {
      expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(name)}`], { encoding: 'utf8' })).toBe(name);
    },
  );
});
