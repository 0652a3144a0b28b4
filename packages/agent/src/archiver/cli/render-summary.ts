import type { ArchiveSummary } from '../archive-summary';
import { freePercent } from '../recording';
import { formatBytes, formatElapsed } from './format';

const LISTED = 50;

function listed<T>(items: T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, LISTED).map((item) => `  ${line(item)}`);
  if (items.length > LISTED) lines.push(`  … and ${items.length - LISTED} more (--json lists them all)`);
  return lines;
}

/** The summary of a run for a technician: what moved, what stayed and why, the free space won. */
export function renderSummary(s: ArchiveSummary): string {
  const done = s.archived + s.alreadyArchived;
  const lines = [
    `${done === s.selected ? 'Archived' : 'Archived only'} ${done} of ${s.selected} recordings to ${s.destination}` +
      ` (${formatBytes(s.bytes)} in ${formatElapsed(s.elapsedMs)}, ${formatBytes(s.bytesPerSecond)}/s)` +
      (s.alreadyArchived ? `; ${s.alreadyArchived} were already there, verified` : '') +
      (s.recovered ? `; ${s.recovered} taken over from an interrupted run` : '') +
      '.',
    `Verified by: ${s.verification}.`,
  ];
  const before = freePercent(s.space.before).toFixed(1);
  const after = freePercent(s.space.after).toFixed(1);
  lines.push(`Free space on the source volume: ${before}% → ${after}% (${formatBytes(s.space.after.freeBytes)} free).`);
  if (s.space.shortfallBytes > 0) {
    lines.push(
      `The free-space goal lacks ${formatBytes(s.space.shortfallBytes)}: no other recording is old enough to move.`,
    );
  }
  if (s.sameVolume) lines.push('Warning: the destination is on the same volume as the source: no space is freed.');
  if (s.conflicts.length) {
    lines.push(`Names taken at the destination by other files (both kept):`);
    lines.push(...listed(s.conflicts, (c) => `${c.recording} → ${c.archivedAs}`));
  }
  if (s.failures.length) {
    lines.push(`Left in the source folder (${s.failures.length}):`);
    lines.push(...listed(s.failures, (f) => `${f.recording}: ${f.reason}`));
  }
  if (s.skipped.length) {
    lines.push(`Not regular files, left alone (${s.skipped.length}):`);
    lines.push(...listed(s.skipped, (path) => path));
  }
  for (const other of s.pendingElsewhere) {
    lines.push(
      `${other.count} recordings of an interrupted run to ${other.destination}: rerun with --dest ${other.destination}.`,
    );
  }
  if (s.stopped) {
    lines.push(
      s.stopped.byRequest
        ? 'Stopped on request; recordings in flight were finished. Rerun to go on.'
        : `Stopped: ${s.stopped.reason}. Nothing is lost; rerun once it is fixed.`,
    );
  }
  lines.push(`Index: ${s.index}`);
  return lines.join('\n');
}
