import type { Store } from '../ports';
import { AuditChainVerifier, type AuditVerdict } from './audit-chain';

const PAGE = 1_000;

/** Re-computes the whole audit chain and reports the first entry that breaks it. */
export async function verifyAuditLog(ports: { store: Store }): Promise<AuditVerdict> {
  const verifier = new AuditChainVerifier();
  let after = 0;
  for (;;) {
    const entries = await ports.store.transaction((tx) => tx.audit.page(after, PAGE));
    for (const entry of entries) verifier.add(entry);
    if (entries.length < PAGE) break;
    after = entries.at(-1)!.seq;
  }
  const head = await ports.store.transaction((tx) => tx.audit.head());
  return verifier.verdict(head);
}
