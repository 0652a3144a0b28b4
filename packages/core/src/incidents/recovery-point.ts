import { formatDuration, type Check } from '@vigie/contract';
import { parseAgentCheckOptions } from '../agents/evaluate-agent-check';
import { backupsReportedBefore, type ReportedBackup } from '../agents/reported-backups';
import type { IncidentWork } from './incident-work';

/** How far back the search for the last good backup goes. */
const LOOK_BACK_MS = 14 * 86_400_000;

/** `6h`, rounded to the minute. */
function roundedDuration(ms: number): string {
  return formatDuration(Math.round(ms / 60_000) * 60_000);
}

/** A heartbeat the backup job calls: the recovery point is the last good one's arrival. */
async function noteHeartbeatRecoveryPoint(w: IncidentWork, check: Check): Promise<void> {
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
    return;
  }
  const lostMs = w.incident.startedAt - lastGood.at;
  await w.log(
    'note',
    `${name}: last good backup ${roundedDuration(lostMs)} before the incident — data since then is at risk (recovery point)`,
    { check: check.id, recoveryPoint: lastGood.at, dataAtRiskMs: lostMs },
  );
}

/** Why an agent's report gives no backup time, or undefined when it gives one. */
function missingBackup(seen: ReportedBackup, backup: string): string | undefined {
  if (seen.reportAt === null) return `no report from agent ${seen.agentName} before the incident`;
  if (!seen.folder) return `agent ${seen.agentName} does not watch the backup folder ${backup}`;
  if ('error' in seen.folder) return `cannot read backup folder ${seen.folder.path}: ${seen.folder.error}`;
  if (!seen.folder.newest) return `no backup in ${seen.folder.path}`;
  return undefined;
}

/** A backup folder an agent watches: the recovery point is its newest file's own time. */
async function noteAgentRecoveryPoint(w: IncidentWork, check: Check, backup: string): Promise<void> {
  const name = check.name ?? check.id;
  const reported = await backupsReportedBefore(w.tx, check, backup, w.incident.startedAt + 1);
  for (const seen of reported) {
    const who = reported.length > 1 ? ` (${seen.agentName})` : '';
    const missing = missingBackup(seen, backup);
    const newest = seen.folder && 'newest' in seen.folder ? seen.folder.newest : null;
    if (missing !== undefined || !newest) {
      await w.log('note', `${name}${who}: ${missing ?? 'no backup'}: the recovery point is unknown`, {
        check: check.id,
        recoveryPoint: null,
      });
      continue;
    }
    const lostMs = Math.max(0, w.incident.startedAt - newest.modifiedAt);
    await w.log(
      'note',
      `${name}${who}: newest backup ${newest.file} written ${roundedDuration(lostMs)} before the incident — data since then is at risk (recovery point)`,
      { check: check.id, recoveryPoint: newest.modifiedAt, dataAtRiskMs: lostMs, backupFile: newest.file },
    );
  }
}

/**
 * For a threat whose assets have a backup check — a heartbeat the backup job calls, or an
 * agent check on a backup folder — notes in the timeline when the last backup was made:
 * the data at risk, the recovery point actually achieved, is everything since.
 */
export async function noteRecoveryPoint(w: IncidentWork): Promise<void> {
  const assets = new Set(w.incident.assets);
  for (const check of w.plan.checks) {
    if (!assets.has(check.asset)) continue;
    if (check.probe === 'heartbeat') await noteHeartbeatRecoveryPoint(w, check);
    if (check.probe !== 'agent') continue;
    const parsed = parseAgentCheckOptions(check.options);
    if (parsed.ok && parsed.options.backup !== undefined) await noteAgentRecoveryPoint(w, check, parsed.options.backup);
  }
}
