/**
 * A label set's fingerprint as Prometheus and Alertmanager compute it: FNV-1a (64 bits) over
 * the label names in byte order, each name and value followed by the byte 255, written as
 * 16 hexadecimal digits. An alert that arrives without its sender's fingerprint thus gets the
 * one Alertmanager gives the same labels in its webhook. A label with an empty value is no
 * label there, so it is left out here too.
 *
 * The 64-bit state is kept as four 16-bit limbs: JavaScript numbers multiply exactly only up
 * to 53 bits, and BigInt arithmetic would allocate at every byte.
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

/** FNV-1a, 64 bits: offset basis 0xcbf29ce484222325, prime 2^40 + 0x1b3. */
class Fnv64 {
  private l0 = 0x2325;
  private l1 = 0x8422;
  private l2 = 0x9ce4;
  private l3 = 0xcbf2;

  addByte(byte: number): void {
    const l0 = this.l0 ^ byte;
    const { l1, l2, l3 } = this;
    // (h * 0x1b3) + (h << 40), limb by limb, carries carried upwards.
    const t0 = l0 * 0x1b3;
    const t1 = l1 * 0x1b3 + (t0 >>> 16);
    const t2 = l2 * 0x1b3 + (t1 >>> 16) + ((l0 & 0xff) << 8);
    const t3 = l3 * 0x1b3 + (t2 >>> 16) + (l0 >>> 8) + ((l1 & 0xff) << 8);
    this.l0 = t0 & 0xffff;
    this.l1 = t1 & 0xffff;
    this.l2 = t2 & 0xffff;
    this.l3 = t3 & 0xffff;
  }

  /** The text's UTF-8 bytes, as Go hashes a string. */
  addText(text: string): void {
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (code < 0x80) {
        this.addByte(code);
        continue;
      }
      if (code < 0x800) {
        this.addByte(0xc0 | (code >>> 6));
        this.addByte(0x80 | (code & 0x3f));
        continue;
      }
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (code >= 0xd800 && code < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
        this.addByte(0xf0 | (code >>> 18));
        this.addByte(0x80 | ((code >>> 12) & 0x3f));
      } else {
        // A lone surrogate is written as U+FFFD, as Go and TextEncoder do.
        if (code >= 0xd800 && code < 0xe000) code = 0xfffd;
        this.addByte(0xe0 | (code >>> 12));
      }
      this.addByte(0x80 | ((code >>> 6) & 0x3f));
      this.addByte(0x80 | (code & 0x3f));
    }
  }

  hex(): string {
    return limb(this.l3) + limb(this.l2) + limb(this.l1) + limb(this.l0);
  }
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function limb(value: number): string {
  return HEX_PAIRS[value >>> 8]! + HEX_PAIRS[value & 0xff]!;
}
