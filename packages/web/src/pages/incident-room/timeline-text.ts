import type { TFunction } from 'i18next';
import { parseDuration } from '@vigie/contract';
import type { TimelineEntry } from '../../hooks/use-incidents';
import type { Language } from '../../i18n/i18n';
import { formatClock, formatCount, formatDateTime, formatDurationForHumans, formatEvery } from '../../lib/format';

// The server writes each timeline line in English, with structured data beside it for
// some kinds. Those kinds are told here in the interface language; a line of a shape
// not known here is shown as the server wrote it, never dropped.

const STATUS_TEXT = ['acknowledged', 'mitigating', 'resolved', 'closed'] as const;
const ITEM_STATUSES = ['todo', 'doing', 'done', 'cancelled'] as const;

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A duration to the minute as people say it: "45 min", "4 h", "6 h 15 min". */
function roughly(ms: number, language: Language): string {
  const minutes = Math.max(60_000, Math.round(ms / 60_000) * 60_000);
  if (minutes < 3_600_000 || minutes % 3_600_000 === 0) return formatDurationForHumans(minutes, language);
  return formatClock(minutes, language);
}

/** A duration the server wrote as the plan does ("7d", "1h"), as people say it; as written if unknown. */
function spoken(duration: string, language: Language): string {
  const ms = parseDuration(duration);
  return ms === undefined ? duration : formatDurationForHumans(ms, language);
}

/** How often, from the plan's writing ("1h"): "toutes les 60 min", "toutes les minutes". */
function often(duration: string, language: Language): string {
  const ms = parseDuration(duration);
  return ms === undefined ? duration : formatEvery(ms, language);
}

/** The line that stands for a storm of signals, by what they did. */
const MANY_SIGNALS = {
  'signals detected': 'room.timeline.text.manyDetected',
  'signals back to normal': 'room.timeline.text.manyBackToNormal',
  'consequences attached': 'room.timeline.text.manyConsequences',
} as const;

const STATUS_SENTENCES: [RegExp, string][] = [
  [/^Incident opened: /, 'open'],
  [/^Acknowledged by /, 'acknowledged'],
  [/^Restoration under way/, 'mitigating'],
  [/^Resolved by /, 'resolved'],
  [/^Closed by /, 'closed'],
];

function statusFromSummary(summary: string): string | undefined {
  return STATUS_SENTENCES.find(([pattern]) => pattern.test(summary))?.[1];
}

const TASK_OUTCOMES = ['failed', 'timeout', 'refused'] as const;

function taskOutcome(status: string, t: TFunction): string {
  const known = TASK_OUTCOMES.find((candidate) => candidate === status);
  return known ? t(`room.timeline.runbook.outcome.${known}`) : status;
}

/** A runbook's line: its title and step titles come from the plan, the rest is told here. */
/** Why a step must be done by hand, in words of the interface when the server's reason is known. */
function byHandReason(reason: string, t: TFunction): string {
  const noAgent =
    /^no agent serves the asset (\S+): enrol one for it \(POST \/api\/v1\/agents\) before asking for (\S+)$/.exec(
      reason,
    );
  return noAgent ? t('room.timeline.runbook.noAgent', { asset: noAgent[1], action: noAgent[2] }) : reason;
}

function runbookLine(summary: string, t: TFunction): string {
  return summary
    .replace(/: started \((\d+) steps\)$/, (_all, n: string) => t('room.timeline.runbook.started', { n }))
    .replace(/: completed$/, t('room.timeline.runbook.completed'))
    .replace(/: stopped on a failed step$/, t('room.timeline.runbook.stopped'))
    .replace(/: cancelled by (.+)$/, (_all, who: string) => t('room.timeline.runbook.cancelledBy', { who }))
    .replace(/ — to do: /, t('room.timeline.runbook.toDo'))
    .replace(/ — awaiting approval: (.+) \((\S+) on (\S+)\)$/, (_all, step: string, action: string, asset: string) =>
      t('room.timeline.runbook.awaitingApproval', { step, action, asset }),
    )
    .replace(/: (\S+) asked of the agent of (\S+)$/, (_all, action: string, asset: string) =>
      t('room.timeline.runbook.askedOfAgent', { action, asset }),
    )
    .replace(/: cannot be run automatically \((.*)\); do it by hand, then tick it$/, (_all, reason: string) =>
      t('room.timeline.runbook.byHand', { reason: byHandReason(reason, t) }),
    )
    .replace(/: succeeded$/, t('room.timeline.runbook.succeeded'))
    .replace(/: (\S+), retrying \((\d+)\/(\d+)\)$/, (_all, status: string, n: string, of: string) =>
      t('room.timeline.runbook.retrying', { outcome: taskOutcome(status, t), n, of }),
    )
    .replace(
      /: (failed|timeout|refused)$/,
      (_all, status: string) => `${t('room.timeline.runbook.separator')}${taskOutcome(status, t)}`,
    )
    .replace(/ — (approved|done|skipped|retried) by ([^:]+): /, (_all, decision: string, who: string) =>
      t(`room.timeline.runbook.${decision as 'approved' | 'done' | 'skipped' | 'retried'}By`, { who }),
    );
}

/** Why the recovery point is unknown, in words of the interface (the server's reasons). */
const UNKNOWN_REASONS: [RegExp, (t: TFunction, m: string[]) => string][] = [
  [/^no report from agent (.+) before the incident$/, (t, m) => t('room.timeline.rpo.noReport', { agent: m[1] })],
  [
    /^agent (.+) does not watch the backup folder (.+)$/,
    (t, m) => t('room.timeline.rpo.notWatched', { agent: m[1], folder: m[2] }),
  ],
  [
    /^cannot read backup folder (.+?): (.+)$/,
    (t, m) => t('room.timeline.rpo.unreadable', { folder: m[1], error: m[2] }),
  ],
  [/^no backup in (.+)$/, (t, m) => t('room.timeline.rpo.noBackupIn', { folder: m[1] })],
  [/^no backup$/, (t) => t('room.timeline.rpo.noBackup')],
];

/** A recovery point noted when the incident opened (data at risk since the last backup). */
function recoveryPointLine(summary: string, data: Record<string, unknown>, t: TFunction, language: Language): string {
  const atRisk = num(data['dataAtRiskMs']);
  const ago = (text: string) => (atRisk === null ? text : roughly(atRisk, language));
  const lastGood =
    /^(.+): last good backup (\S+) before the incident — data since then is at risk \(recovery point\)$/.exec(summary);
  if (lastGood) return t('room.timeline.rpo.lastGood', { name: lastGood[1], ago: ago(lastGood[2]!) });
  const newest =
    /^(.+): newest backup (.+) written (\S+) before the incident — data since then is at risk \(recovery point\)$/.exec(
      summary,
    );
  if (newest) return t('room.timeline.rpo.newest', { name: newest[1], file: newest[2], ago: ago(newest[3]!) });
  const none = /^(.+): no good backup in the last (\S+)$/.exec(summary);
  if (none) return t('room.timeline.rpo.none', { name: none[1], within: spoken(none[2]!, language) });
  for (const [pattern, say] of UNKNOWN_REASONS) {
    const unknown = new RegExp(`^(.+?): ${pattern.source.slice(1, -1)}: the recovery point is unknown$`).exec(summary);
    if (unknown) return t('room.timeline.rpo.unknown', { name: unknown[1], why: say(t, unknown.slice(1)) });
  }
  return summary;
}

/** People paged because nobody acknowledged the incident in time (PagerDuty's escalation). */
function pagingLine(summary: string, data: Record<string, unknown>, t: TFunction, language: Language): string {
  const after = num(data['afterMs']);
  const people = data['people'];
  if (after === null || !Array.isArray(people) || !people.every((name) => typeof name === 'string')) return summary;
  const spokenAfter = formatDurationForHumans(after, language);
  return people.length === 0
    ? t('room.timeline.text.unacknowledgedNobody', { after: spokenAfter })
    : t('room.timeline.text.unacknowledged', { after: spokenAfter, people: people.join(', ') });
}

/** One timeline line in the interface language. */
export function describeEntry(
  entry: TimelineEntry,
  t: TFunction,
  language: Language,
  timeZone: string,
  stepTitles: ReadonlyMap<string, string>,
): string {
  const data = entry.data;
  switch (entry.kind) {
    case 'status': {
      // A client's user receives the lines without their data: the sentence tells the status.
      const status = data['status'] ?? statusFromSummary(entry.summary);
      if (status === 'open') {
        if ('reason' in data) {
          return typeof data['reason'] === 'string'
            ? t('room.timeline.text.reopenedWhy', { reason: data['reason'] })
            : t('room.timeline.text.reopened');
        }
        if (!entry.summary.startsWith('Incident opened: ')) return entry.summary;
        return t('room.timeline.text.opened', { title: entry.summary.replace(/^Incident opened: /, '') });
      }
      const known = STATUS_TEXT.find((candidate) => candidate === status);
      if (!known) return entry.summary;
      const duration = num(data['durationMs']);
      if (known === 'resolved' && duration !== null) {
        return t('room.timeline.text.resolvedAfter', { duration: roughly(duration, language) });
      }
      return t(`room.timeline.text.${known}`);
    }
    case 'step': {
      const title = (entry.ref && stepTitles.get(entry.ref)) ?? entry.summary.replace(/ \(.*\)$/, '');
      const after = num(data['after']);
      const elapsed = num(data['elapsedMs']);
      const expected = num(data['expectedMs']);
      if (after === null || elapsed === null) return title;
      return elapsed >= after
        ? t('room.timeline.text.stepElapsed', { title, elapsed: roughly(elapsed, language) })
        : t('room.timeline.text.stepExpected', {
            title,
            expected: roughly(expected ?? 0, language),
            after: formatDurationForHumans(after, language),
          });
    }
    case 'eta': {
      const etaAt = num(data['etaAt']);
      const expected = num(data['expectedMs']);
      if (etaAt === null || expected === null) return entry.summary;
      return t('room.timeline.text.eta', {
        time: formatDateTime(etaAt, language, timeZone),
        expected: roughly(expected, language),
      });
    }
    case 'cause':
      return typeof data['cause'] === 'string'
        ? t('room.timeline.text.cause', { cause: data['cause'] })
        : entry.summary;
    case 'sitrep':
      return entry.summary.replace(/^Situation report by /, t('room.timeline.text.sitrepBy'));
    case 'signal':
      return entry.summary
        .replace(/^Detected: /, t('room.timeline.text.detected'))
        .replace(/^Back to normal: /, t('room.timeline.text.backToNormal'))
        .replace(/^Signal attached: /, t('room.timeline.text.signalAttached'))
        .replace(
          /^(\d+) (signals detected|signals back to normal|consequences attached): /,
          (_all, n: string, what: string) =>
            t(MANY_SIGNALS[what as keyof typeof MANY_SIGNALS], { n: formatCount(Number(n), language) }),
        )
        .replace(/^Consequence: (.*) — (.+) depends on (.+)$/, (_all, message: string, assets: string, root: string) =>
          t('room.timeline.text.consequence', { message, assets, root }),
        );
    case 'delivery':
      return entry.summary
        .replace(/^Delivered: /, t('room.timeline.text.delivered'))
        .replace(/^Delivery failed for good: /, t('room.timeline.text.failed'))
        .replace(/^Delivery attempt (\d+) failed: /, (_all, n: string) => t('room.timeline.text.retry', { n }))
        .replace(/^Fallback: /, t('room.timeline.text.fallback'));
    case 'action-item':
    case 'action': {
      if (entry.ref?.startsWith('runbook:')) return runbookLine(entry.summary, t);
      const status = ITEM_STATUSES.find((candidate) => candidate === data['status']);
      const text = entry.summary.replace(/^Action plan: /, t('room.timeline.text.actionPlan'));
      if (!status) return text;
      const label = status === 'cancelled' ? t('room.board.cancelledStatus') : t(`room.board.columns.${status}`);
      return text.replace(new RegExp(` — ${status}$`), ` — ${label}`);
    }
    case 'duty':
      if (data['unacknowledged'] === true) return pagingLine(entry.summary, data, t, language);
      return entry.summary
        .replace(/: due now$/, t('room.timeline.text.dueNow'))
        .replace(/: reminder, due now$/, t('room.timeline.text.dueNow'))
        .replace(/: overdue$/, t('room.timeline.text.overdue'))
        .replace(/: done by (.+)$/, (_all, who: string) => t('room.timeline.text.doneBy', { who }))
        .replace(/: every (\S+) until resolution$/, (_all, every: string) =>
          t('room.timeline.text.everyUntil', { every: often(every, language) }),
        )
        .replace(/: every (\S+), first due at \+(\S+)$/, (_all, every: string) =>
          t('room.timeline.text.every', { every: often(every, language) }),
        )
        .replace(/: to hold within (\S+) of closure$/, (_all, within: string) =>
          t('room.timeline.text.within', { within: spoken(within, language) }),
        )
        .replace(/: due by \+(\S+)$/, (_all, due: string) =>
          t('room.timeline.text.dueIn', { due: spoken(due, language) }),
        )
        .replace(/: due by (\d{4}-\S+)$/, (_all, iso: string) =>
          t('room.timeline.text.dueAt', { time: formatDateTime(Date.parse(iso), language, timeZone) }),
        )
        .replace(/: to be signed by (.+)$/, (_all, who: string) => t('room.timeline.text.toSign', { who }))
        .replace(/: failover to (\S+) proposed, awaiting approval$/, (_all, site: string) =>
          t('room.timeline.text.failover', { site }),
        );
    case 'note':
      // Notes people write are shown as written; the recovery point's carry their data.
      return 'recoveryPoint' in data ? recoveryPointLine(entry.summary, data, t, language) : entry.summary;
    default:
      return entry.summary;
  }
}
