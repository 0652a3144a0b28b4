import type { NotificationEvent } from '../notifications/events';

/** One line of an incident's append-only timeline. */
export interface TimelineEntry {
  id: string;
  incidentId: string;
  seq: number;
  at: number;
  kind: TimelineKind;
  actor: string;
  /** The plan's id of the step or duty concerned, where there is one. */
  ref: string | null;
  summary: string;
  data: Record<string, unknown>;
}

export type TimelineKind =
  | 'status'
  | 'signal'
  | 'step'
  | 'duty'
  | 'notification'
  | 'delivery'
  | 'note'
  | 'action'
  | 'eta'
  | 'cause'
  | 'sitrep'
  | 'action-item'
  | 'crisis-cell';

export type NewTimelineEntry = Omit<TimelineEntry, 'id' | 'seq'>;

export const JOB_KINDS = [
  'escalation.evaluate',
  'duty.sitrep-due',
  'duty.sitrep-overdue',
  'duty.update-due',
  'duty.reminder',
  'paging.unacknowledged',
  'on-call.handover',
  'notification.deliver',
  'detection.flush',
  'agent.task-done',
  'agent.task-timeout',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** A durable timer or piece of work: runs once at `runAt`, whatever restarts happen. */
export interface Job {
  id: string;
  key: string;
  kind: JobKind;
  incidentId: string | null;
  runAt: number;
  payload: Record<string, unknown>;
  status: 'pending' | 'done' | 'cancelled' | 'failed';
  attempts: number;
  lockedUntil: number | null;
  lastError: string | null;
  createdAt: number;
  doneAt: number | null;
}

export type NewJob = Pick<Job, 'key' | 'kind' | 'incidentId' | 'runAt' | 'payload'>;

export const CHANNEL_KINDS = ['email', 'webhook', 'sms'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** One message to one recipient on one channel, rendered when it was decided. */
export interface NotificationRecord {
  id: string;
  key: string;
  incidentId: string | null;
  event: NotificationEvent;
  channel: ChannelKind;
  /** The plan's channel id (for webhooks) or the person's id. */
  recipientId: string;
  recipientName: string;
  address: string;
  language: 'fr' | 'en';
  subject: string;
  text: string;
  html: string;
  /** An ICS invitation for conference calls. */
  calendar: string | null;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
  /** Set on a message sent on the fallback channel: the one whose delivery kept failing. */
  fallbackOf: string | null;
  ref: string | null;
}

export const CRISIS_ROLE_NAMES = ['crisis-manager', 'technical-lead', 'communication-lead', 'scribe'] as const;

export interface CrisisCellMember {
  incidentId: string;
  role: string;
  personId: string;
  name: string;
  email: string | null;
  joinedAt: number;
}

/** A situation report (point de situation) of the crisis cell. */
export interface Sitrep {
  id: string;
  incidentId: string;
  at: number;
  author: string;
  situation: string;
  actions: string;
  nextSteps: string;
  needs: string | null;
}

export const ACTION_ITEM_STATUSES = ['todo', 'doing', 'done', 'cancelled'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** An item of the formal action plan. */
export interface ActionItem {
  id: string;
  incidentId: string;
  title: string;
  owner: string | null;
  dueAt: number | null;
  status: ActionItemStatus;
  createdAt: number;
  updatedAt: number;
}

export type DutyStatus = 'pending' | 'active' | 'done' | 'proposed' | 'cancelled';

/** A duty the plan puts on people for one incident: a SITREP cadence, a report, a REX… */
export interface Duty {
  id: string;
  incidentId: string;
  /** The plan's id of the duty. */
  dutyId: string;
  kind: string;
  title: string;
  status: DutyStatus;
  dueAt: number | null;
  doneAt: number | null;
  data: Record<string, unknown>;
}
