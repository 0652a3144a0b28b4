import { describe, expect, it } from 'vitest';
import { ByteSizeSchema, formatByteSize, parseByteSize } from './byte-size';

describe('parseByteSize', () => {
  it.each([
    ['1GB', 1e9],
    ['1 GB', 1e9],
    ['500MB', 500e6],
    ['1.5Go', 1.5e9],
    ['200 ko', 200e3],
    ['2GiB', 2 * 2 ** 30],
    ['750B', 750],
    [' 3 tb ', 3e12],
  ])('reads %s', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'GB', '1', '1 giga', '-1GB', '1XB', '1.GB'])('refuses %j', (text) => {
    expect(parseByteSize(text)).toBeUndefined();
  });
});

describe('formatByteSize', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1e9, '1 GB'],
    [1_432_000_000, '1.43 GB'],
    [120_400_000, '120 MB'],
    [12_345_678, '12.3 MB'],
    [5e15, '5000 TB'],
  ])('writes %d as %s', (bytes, text) => {
    expect(formatByteSize(bytes)).toBe(text);
  });
});

describe('ByteSizeSchema', () => {
  it('takes a number of bytes or a size with its unit', () => {
    expect(ByteSizeSchema.parse(1024)).toBe(1024);
    expect(ByteSizeSchema.parse('1GB')).toBe(1e9);
  });

  it('says what a size looks like', () => {
    const parsed = ByteSizeSchema.safeParse('1 giga');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      '"1 giga" is not a size such as 500MB, 1GB, 1.5Go or a number of bytes',
    );
    expect(ByteSizeSchema.safeParse(true).error?.issues[0]?.message).toMatch(/expected a size/);
  });
});
