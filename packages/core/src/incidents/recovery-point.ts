import { formatDuration } from '@vigie/contract';
import type { IncidentWork } from './incident-work';

/** How far back the search for the last good backup goes. */
const LOOK_BACK_MS = 14 * 86_400_000;

/**
 * For a threat whose assets have a backup check (a heartbeat the backup job calls), notes
 * in the timeline when the last good backup arrived: the data at risk — the recovery
 * point actually achieved — is everything since.
 */
export async function noteRecoveryPoint(w: IncidentWork): Promise<void> {
  const assets = new Set(w.incident.assets);
  const backupChecks = w.plan.checks.filter((check) => check.probe === 'heartbeat' && assets.has(check.asset));
  for (const check of backupChecks) {
    const results = await w.tx.checkResults.list(
      check.id,
      w.incident.startedAt - LOOK_BACK_MS,
      w.incident.startedAt + 1,
      10_000,
    );
    const lastGood = results.filter((r) => r.status === 'up').at(-1);
    const name = check.name ?? check.id;
    if (!lastGood) {
      await w.log('note', `${name}: no good backup in the last ${formatDuration(LOOK_BACK_MS)}`, {
        check: check.id,
        recoveryPoint: null,
      });
      continue;
    }
    const lostMs = w.incident.startedAt - lastGood.at;
    await w.log(
      'note',
      `${name}: last good backup ${formatDuration(Math.round(lostMs / 60_000) * 60_000)} before the incident — data since then is at risk (recovery point)`,
      {
        check: check.id,
        recoveryPoint: lastGood.at,
        dataAtRiskMs: lostMs,
      },
    );
  }
}
