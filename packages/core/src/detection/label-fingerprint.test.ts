import { describe, expect, it } from 'vitest';
import { labelFingerprint } from './label-fingerprint';

// The fingerprints below are those Prometheus' Alertmanager 0.25 listed for these labels.
describe('labelFingerprint', () => {
  it('gives the fingerprint Alertmanager gives the same labels', () => {
    expect(
      labelFingerprint({
        alertname: 'HmpDiskFull',
        instance: 'hmp.principal.mediacontact.example:9182',
        severity: 'critical',
      }),
    ).toBe('0228596184cc5db3');
  });

  it('reads names in byte order and text as UTF-8, accents and emoji included', () => {
    expect(labelFingerprint({ zone: 'Douala — site 😀 principal', severity: 'warning', alertname: 'Zèbre' })).toBe(
      '588f59a5898bb605',
    );
  });

  it('leaves out a label with an empty value, as Alertmanager does', () => {
    expect(labelFingerprint({ a: '', b: 'x' })).toBe('019d71999ffa1e47');
    expect(labelFingerprint({ b: 'x' })).toBe('019d71999ffa1e47');
  });

  it('gives the FNV-1a offset basis for no labels', () => {
    expect(labelFingerprint({})).toBe('cbf29ce484222325');
  });
});
