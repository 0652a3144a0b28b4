import { formatByteSize, type AgentReport } from '@vigie/contract';
import { formatAge, type Finding } from './agent-findings';

/** The criteria of a backup check: the folder's name in the agent's configuration and its limits. */
export interface BackupCriteria {
  backup: string;
  maxAge?: number | undefined;
  minSize?: number | undefined;
}

/**
 * Judges the newest file of a backup folder: down when the folder is not watched or cannot be
 * read, holds no backup, or its newest file is older than `maxAge` or smaller than `minSize`.
 * The age is counted on the agent's clock up to its report (file times come from that clock),
 * plus the time since the report was received: a drifting clock does not age a backup.
 */
export function judgeBackup(report: AgentReport, criteria: BackupCriteria, sinceReportMs: number): Finding {
  const folder = report.backups.find((b) => b.name === criteria.backup);
  if (!folder) {
    return {
      status: 'down',
      message: `backup folder ${criteria.backup} is not watched by the agent: add it under backups in its configuration`,
      values: {},
    };
  }
  if ('error' in folder) {
    return {
      status: 'down',
      message: `cannot read backup folder ${folder.name} (${folder.path}): ${folder.error}`,
      values: {},
    };
  }
  if (!folder.newest) {
    return {
      status: 'down',
      message: `no backup in ${folder.path}: no file matches ${folder.pattern}`,
      values: { backupFiles: 0 },
    };
  }
  const { file, sizeBytes, modifiedAt } = folder.newest;
  const ageMs = Math.max(0, report.at - modifiedAt) + Math.max(0, sinceReportMs);
  const values = {
    backupFile: file,
    backupFiles: folder.files,
    backupSizeBytes: sizeBytes,
    backupModifiedAt: modifiedAt,
    backupAgeMs: ageMs,
  };
  const age = formatAge(ageMs);
  const size = formatByteSize(sizeBytes);
  const { maxAge, minSize } = criteria;
  const tooOld = maxAge !== undefined && ageMs > maxAge;
  const tooSmall = minSize !== undefined && sizeBytes < minSize;
  const faults = [
    ...(tooOld ? [`is ${age} old, over the ${formatAge(maxAge)} limit`] : []),
    ...(tooSmall ? [`${tooOld ? '' : 'is '}${size}, under the ${formatByteSize(minSize)} minimum`] : []),
  ];
  if (faults.length > 0) {
    const context = [...(tooSmall ? [] : [size]), ...(tooOld ? [] : [`written ${age} ago`]), `in ${folder.path}`];
    return {
      status: 'down',
      message: `newest backup ${file} ${faults.join(', and ')} (${context.join(', ')})`,
      values,
    };
  }
  const count = `${folder.files} file${folder.files > 1 ? 's' : ''}`;
  return {
    status: 'up',
    message: `newest backup ${file}: ${size}, written ${age} ago (${count} in ${folder.path})`,
    values,
  };
}
