import { describe, expect, it } from 'vitest';
import { liveSignalKey, liveSignalKeys } from './live-signal-key';

describe('liveSignalKey', () => {
  it('is FNV-1a over the source, the byte 255 and the threat, as a signed 64-bit integer', () => {
    // Computed apart, byte by byte with BigInt arithmetic.
    expect(liveSignalKey('alert:bcd47ec2534e75bc', 'espace-hmp')).toBe(7169782672835746827n);
    expect(liveSignalKey('check:x', 'é')).toBe(3556983342576465170n);
    for (const key of [liveSignalKey('check:crm-web', 'deconnexion-crm'), liveSignalKey('alert:é’', 'énergie')]) {
      expect(key >= -(2n ** 63n) && key < 2n ** 63n).toBe(true);
    }
  });

  it('tells apart the same texts cut differently, and one source under two threats', () => {
    expect(liveSignalKey('ab', 'c')).not.toBe(liveSignalKey('a', 'bc'));
    expect(liveSignalKey('check:sql-connexion', 'arret-service')).not.toBe(
      liveSignalKey('check:sql-connexion', 'acces-serveurs'),
    );
  });

  it('gives a source its key under each threat, as one at a time', () => {
    expect(liveSignalKeys('check:sql-connexion', ['arret-service', 'acces-serveurs'])).toEqual([
      liveSignalKey('check:sql-connexion', 'arret-service'),
      liveSignalKey('check:sql-connexion', 'acces-serveurs'),
    ]);
  });

  it('gives ten thousand alerts ten thousand keys', () => {
    const keys = new Set(
      Array.from({ length: 10_000 }, (_, i) => liveSignalKey(`alert:${i.toString(16)}`, 'espace-hmp')),
    );
    expect(keys.size).toBe(10_000);
  });
});
