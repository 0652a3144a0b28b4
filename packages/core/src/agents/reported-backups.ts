import type { BackupReport, Check } from '@vigie/contract';
import type { Repositories } from '../ports';
import { agentsOfCheck } from './agent-checks';

/** What one agent of a backup check said of its folder in its last report before a time. */
export interface ReportedBackup {
  agentName: string;
  /** When that report was made (agent's clock); null when the agent had not reported by then. */
  reportAt: number | null;
  /** The folder as reported; undefined when the report does not name it. */
  folder: BackupReport | undefined;
}

/**
 * The backup folder `backup` as each agent of the check last reported it before `before`:
 * the newest backup's own time is the recovery point of data at risk from then on.
 */
export async function backupsReportedBefore(
  tx: Repositories,
  check: Check,
  backup: string,
  before: number,
): Promise<ReportedBackup[]> {
  const reported: ReportedBackup[] = [];
  for (const agent of await agentsOfCheck(tx, check)) {
    const latest = await tx.agentReports.latest(agent.id, before);
    reported.push({
      agentName: agent.name,
      reportAt: latest?.report.at ?? null,
      folder: latest?.report.backups.find((b) => b.name === backup),
    });
  }
  return reported;
}
