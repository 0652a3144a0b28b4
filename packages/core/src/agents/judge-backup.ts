import type { AgentReport, Language } from '@vigie/contract';
import { formatAge, formatSize, type Finding, type Wording } from './agent-findings';

/** The criteria of a backup check: the folder's name in the agent's configuration and its limits. */
export interface BackupCriteria {
  backup: string;
  maxAge?: number | undefined;
  minSize?: number | undefined;
}

const SAY: Wording<{
  notWatched: (name: string) => string;
  unreadable: (name: string, path: string, error: string) => string;
  none: (path: string, pattern: string) => string;
  tooOld: (age: string, limit: string) => string;
  /** `also`: the backup is too old as well, and said so first. */
  tooSmall: (size: string, minimum: string, also: boolean) => string;
  and: string;
  written: (age: string) => string;
  inFolder: (path: string) => string;
  faulty: (file: string, faults: string, context: string) => string;
  files: (count: number) => string;
  fine: (file: string, size: string, age: string, files: string, path: string) => string;
}> = {
  en: {
    notWatched: (name) =>
      `backup folder ${name} is not watched by the agent: add it under backups in its configuration`,
    unreadable: (name, path, error) => `cannot read backup folder ${name} (${path}): ${error}`,
    none: (path, pattern) => `no backup in ${path}: no file matches ${pattern}`,
    tooOld: (age, limit) => `is ${age} old, over the ${limit} limit`,
    tooSmall: (size, minimum, also) => `${also ? '' : 'is '}${size}, under the ${minimum} minimum`,
    and: ', and ',
    written: (age) => `written ${age} ago`,
    inFolder: (path) => `in ${path}`,
    faulty: (file, faults, context) => `newest backup ${file} ${faults} (${context})`,
    files: (count) => `${count} file${count > 1 ? 's' : ''}`,
    fine: (file, size, age, files, path) => `newest backup ${file}: ${size}, written ${age} ago (${files} in ${path})`,
  },
  fr: {
    notWatched: (name) =>
      `dossier de sauvegarde ${name} non surveillé par l’agent : ajoutez-le sous backups dans sa configuration`,
    unreadable: (name, path, error) => `impossible de lire le dossier de sauvegarde ${name} (${path}) : ${error}`,
    none: (path, pattern) => `aucune sauvegarde dans ${path} : aucun fichier ne correspond à ${pattern}`,
    tooOld: (age, limit) => `vieille de ${age}, au-delà de la limite de ${limit}`,
    tooSmall: (size, minimum) => `de ${size}, sous le minimum de ${minimum}`,
    and: ', et ',
    written: (age) => `écrite il y a ${age}`,
    inFolder: (path) => `dans ${path}`,
    faulty: (file, faults, context) => `dernière sauvegarde ${file} ${faults} (${context})`,
    files: (count) => `${count} fichier${count > 1 ? 's' : ''}`,
    fine: (file, size, age, files, path) =>
      `dernière sauvegarde ${file} : ${size}, écrite il y a ${age} (${files} dans ${path})`,
  },
};

/**
 * Judges the newest file of a backup folder: down when the folder is not watched or cannot be
 * read, holds no backup, or its newest file is older than `maxAge` or smaller than `minSize`.
 * The age is counted on the agent's clock up to its report (file times come from that clock),
 * plus the time since the report was received: a drifting clock does not age a backup.
 * The message is in `language` (English unless told).
 */
export function judgeBackup(
  report: AgentReport,
  criteria: BackupCriteria,
  sinceReportMs: number,
  language: Language = 'en',
): Finding {
  const say = SAY[language];
  const folder = report.backups.find((b) => b.name === criteria.backup);
  if (!folder) return { status: 'down', message: say.notWatched(criteria.backup), values: {} };
  if ('error' in folder) {
    return { status: 'down', message: say.unreadable(folder.name, folder.path, folder.error), values: {} };
  }
  if (!folder.newest) {
    return { status: 'down', message: say.none(folder.path, folder.pattern), values: { backupFiles: 0 } };
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
  const age = formatAge(ageMs, language);
  const size = formatSize(sizeBytes, language);
  const { maxAge, minSize } = criteria;
  const tooOld = maxAge !== undefined && ageMs > maxAge;
  const tooSmall = minSize !== undefined && sizeBytes < minSize;
  const faults = [
    ...(tooOld ? [say.tooOld(age, formatAge(maxAge, language))] : []),
    ...(tooSmall ? [say.tooSmall(size, formatSize(minSize, language), tooOld)] : []),
  ];
  if (faults.length > 0) {
    const context = [...(tooSmall ? [] : [size]), ...(tooOld ? [] : [say.written(age)]), say.inFolder(folder.path)];
    return { status: 'down', message: say.faulty(file, faults.join(say.and), context.join(', ')), values };
  }
  return {
    status: 'up',
    message: say.fine(file, size, age, say.files(folder.files), folder.path),
    values,
  };
}
