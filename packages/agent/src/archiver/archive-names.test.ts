import { describe, expect, it } from 'vitest';
import { conflictNameFor, isTempName, tempNameFor, toPosixRelative } from './archive-names';

describe('archive names', () => {
  it('puts the temporary file beside the final one, hidden, with a fixed name a rerun finds', () => {
    expect(tempNameFor('2024/05/01/call-12.wav')).toBe('2024/05/01/.call-12.wav.vigie-part');
    expect(tempNameFor('call.wav')).toBe('.call.wav.vigie-part');
    expect(isTempName(tempNameFor('2024/05/01/call-12.wav'))).toBe(true);
    expect(isTempName('2024/05/01/call-12.wav')).toBe(false);
  });

  it('gives a conflicting recording a name made of its checksum, the same on every run', () => {
    const sha = '3f2a9c0d1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5';
    expect(conflictNameFor('2024/05/01/call-12.wav', sha)).toBe('2024/05/01/call-12.3f2a9c0d1e2b.wav');
    expect(conflictNameFor('README', sha)).toBe('README.3f2a9c0d1e2b');
  });

  it('writes Windows relative paths with slashes', () => {
    expect(toPosixRelative('2024\\05\\call.wav', '\\')).toBe('2024/05/call.wav');
    expect(toPosixRelative('2024/05/call.wav', '/')).toBe('2024/05/call.wav');
  });
});
