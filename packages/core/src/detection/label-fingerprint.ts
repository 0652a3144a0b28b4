import { Fnv64 } from './fnv64';

/**
 * A label set's fingerprint as Prometheus and Alertmanager compute it: FNV-1a (64 bits) over
 * the label names in byte order, each name and value followed by the byte 255, written as
 * 16 hexadecimal digits. An alert that arrives without its sender's fingerprint thus gets the
 * one Alertmanager gives the same labels in its webhook. A label with an empty value is no
 * label there, so it is left out here too.
 */
export function labelFingerprint(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels);
  if (!isSorted(names)) names.sort();
  const hash = new Fnv64();
  for (const name of names) {
    if (labels[name] === '') continue;
    hash.addText(name);
    hash.addByte(SEPARATOR);
    hash.addText(labels[name]!);
    hash.addByte(SEPARATOR);
  }
  return hash.hex();
}

const SEPARATOR = 0xff;

function isSorted(names: readonly string[]): boolean {
  for (let i = 1; i < names.length; i++) if (names[i - 1]! > names[i]!) return false;
  return true;
}
