/**
 * FNV-1a, 64 bits: offset basis 0xcbf29ce484222325, prime 2^40 + 0x1b3 (what Prometheus and
 * Alertmanager hash label sets with).
 *
 * The 64-bit state is kept as four 16-bit limbs: JavaScript numbers multiply exactly only up
 * to 53 bits, and BigInt arithmetic would allocate at every byte.
 */
export class Fnv64 {
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

  /** A hash that goes on from this one's state: texts sharing a beginning hash it once. */
  clone(): Fnv64 {
    const copy = new Fnv64();
    copy.l0 = this.l0;
    copy.l1 = this.l1;
    copy.l2 = this.l2;
    copy.l3 = this.l3;
    return copy;
  }

  /** The hash as 16 hexadecimal digits. */
  hex(): string {
    return limb(this.l3) + limb(this.l2) + limb(this.l1) + limb(this.l0);
  }

  /** The hash as a signed 64-bit integer (what a database's bigint column holds). */
  int64(): bigint {
    const high = this.l3 * 0x10000 + this.l2;
    const low = this.l1 * 0x10000 + this.l0;
    return BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low));
  }
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function limb(value: number): string {
  return HEX_PAIRS[value >>> 8]! + HEX_PAIRS[value & 0xff]!;
}
