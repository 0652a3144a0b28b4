import { describe, expect, it } from 'vitest';
import { copyProblem, judgeDestination, type CopyCheck, writtenProblem } from './judge-destination';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('judgeDestination: what a rerun does with what a killed run left under the final name', () => {
  it.each([
    {
      state: 'nothing at the destination (killed before the rename)',
      source: { size: 10 },
      existing: undefined,
      verdict: 'absent',
    },
    {
      state: 'a file of another size (another recording)',
      source: { size: 10 },
      existing: { size: 11 },
      verdict: 'different',
    },
    {
      state: 'a file of the same size, checksums unknown',
      source: { size: 10 },
      existing: { size: 10 },
      verdict: 'compare-checksums',
    },
    {
      state: 'only one checksum known',
      source: { size: 10, sha256: A },
      existing: { size: 10 },
      verdict: 'compare-checksums',
    },
    {
      state: 'the same recording (killed after the rename, before deleting the source)',
      source: { size: 10, sha256: A },
      existing: { size: 10, sha256: A },
      verdict: 'same',
    },
    {
      state: 'same size, other content: never overwrite',
      source: { size: 10, sha256: A },
      existing: { size: 10, sha256: B },
      verdict: 'different',
    },
    {
      state: 'an empty recording and an empty file',
      source: { size: 0, sha256: A },
      existing: { size: 0, sha256: A },
      verdict: 'same',
    },
  ])('$state → $verdict', ({ source, existing, verdict }) => {
    expect(judgeDestination(source, existing)).toBe(verdict);
  });
});

describe('copyProblem: a copy is published only when it is provably the recording', () => {
  const sound: CopyCheck = {
    read: { size: 10, sha256: A },
    written: { size: 10, sha256: A },
    sourceBefore: { size: 10, mtimeMs: 5 },
    sourceAfter: { size: 10, mtimeMs: 5 },
  };

  it('accepts a copy whose read-back matches what was read from an unchanged source', () => {
    expect(copyProblem(sound)).toBeUndefined();
  });

  it('judges the source alone when the copy is read back later, with its batch', () => {
    expect(copyProblem({ ...sound, written: undefined })).toBeUndefined();
    expect(copyProblem({ ...sound, written: undefined, sourceAfter: undefined })).toMatch(/disappeared/);
    expect(writtenProblem(sound.read, { size: 10, sha256: B })).toMatch(/checksum/);
    expect(writtenProblem(sound.read, { size: 10, sha256: A })).toBeUndefined();
  });

  it.each([
    {
      what: 'a partial write (killed or short write)',
      check: { ...sound, written: { size: 4, sha256: B } },
      problem: /holds 4 bytes, the source 10/,
    },
    { what: 'a corrupted copy', check: { ...sound, written: { size: 10, sha256: B } }, problem: /checksum/ },
    {
      what: 'a source still growing',
      check: { ...sound, sourceAfter: { size: 12, mtimeMs: 6 } },
      problem: /changed during the copy/,
    },
    {
      what: 'a source rewritten in place',
      check: { ...sound, sourceAfter: { size: 10, mtimeMs: 9 } },
      problem: /changed during the copy/,
    },
    {
      what: 'a source read shorter than its size',
      check: { ...sound, read: { size: 8, sha256: A } },
      problem: /changed during the copy/,
    },
    { what: 'a source deleted meanwhile', check: { ...sound, sourceAfter: undefined }, problem: /disappeared/ },
  ])('refuses $what', ({ check, problem }) => {
    expect(copyProblem(check)).toMatch(problem);
  });
});
