import { createHash } from 'node:crypto';

/** One entry of the append-only audit log. */
export interface AuditEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  details: string;
  prevHash: string;
  hash: string;
}

export type AuditFields = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

export const GENESIS_HASH = '0'.repeat(64);

/** The hash that seals an entry to the one before it. */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const body = JSON.stringify([entry.seq, entry.at, entry.actor, entry.action, entry.subject, entry.details]);
  return createHash('sha256').update(entry.prevHash).update('\n').update(body).digest('hex');
}

/** Seals new fields after the current head of the chain. */
export function sealAuditEntry(fields: AuditFields, head: { seq: number; hash: string }): AuditEntry {
  const unsealed = { ...fields, seq: head.seq + 1, prevHash: head.hash };
  return { ...unsealed, hash: hashAuditEntry(unsealed) };
}

export type AuditVerdict =
  { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks entries in order and checks each one's link and seal; returns where it breaks. */
export class AuditChainVerifier {
  private previous = { seq: 0, hash: GENESIS_HASH };
  private count = 0;
  private failure: { brokenAt: number; reason: string } | undefined;

  add(entry: AuditEntry): void {
    if (this.failure) return;
    this.count++;
    if (entry.seq !== this.previous.seq + 1) {
      this.failure = { brokenAt: entry.seq, reason: `entry ${this.previous.seq + 1} is missing` };
    } else if (entry.prevHash !== this.previous.hash) {
      this.failure = { brokenAt: entry.seq, reason: 'it does not link to the entry before it' };
    } else if (hashAuditEntry(entry) !== entry.hash) {
      this.failure = { brokenAt: entry.seq, reason: 'its content was altered after it was written' };
    }
    this.previous = { seq: entry.seq, hash: entry.hash };
  }

  verdict(head?: { seq: number; hash: string }): AuditVerdict {
    if (this.failure) return { ok: false, entries: this.count, ...this.failure };
    if (head && (head.seq !== this.previous.seq || head.hash !== this.previous.hash)) {
      return { ok: false, entries: this.count, brokenAt: head.seq, reason: 'the latest entries were removed' };
    }
    return { ok: true, entries: this.count };
  }
}
