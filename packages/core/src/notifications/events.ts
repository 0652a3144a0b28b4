import type { Language } from '@vigie/contract';

export const NOTIFICATION_EVENTS = [
  'incident-opened',
  'incident-unacknowledged',
  'conference-call',
  'crisis-cell-activated',
  'sitrep-reminder',
  'sitrep-overdue',
  'sitrep-posted',
  'action-plan-reminder',
  'client-alert',
  'hourly-update',
  'failover-proposed',
  'deployment-plan',
  'detailed-report-due',
  'detailed-report',
  'incident-resolved',
  'report-due',
  'rex-due',
  'channel-test',
  'on-call-shift',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** The events told about an incident, rendered from its facts by the templates. */
export type IncidentNotificationEvent = Exclude<NotificationEvent, 'on-call-shift'>;

/** What a message says about its incident; frozen when the message is written. */
export interface NotificationFacts {
  organisation: string;
  timezone: string;
  incident: {
    number: number;
    title: string;
    threatTitle: string;
    status: string;
    severity: string;
    startedAt: number;
    etaAt: number | null;
    resolvedAt: number | null;
    cause: string | null;
    summary: string | null;
  };
  now: number;
  elapsedMs: number;
  /** The threat's target in the plan's words, or formatted. */
  target: string | null;
  actionsDone: string[];
  nextUpdateAt: number | null;
  /** The plan's title of the duty this message carries out. */
  dutyTitle: string | null;
  /** Free text: the plan's wording, a deployment plan, a public update. */
  text: string | null;
  sitrep: { situation: string; actions: string; nextSteps: string; needs: string | null; author: string } | null;
  bridge: {
    title: string;
    url: string | null;
    phone: string | null;
    pin: string | null;
    instructions: string | null;
  } | null;
  dueAt: number | null;
  link: string | null;
}

/** A rendered message: one subject, a plain-text body and an HTML body. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** One template: from facts to a subject and sections of lines. */
export type Template = (
  facts: NotificationFacts,
  format: Formatters,
) => { subject: string; intro: string; sections: Section[] };

export interface Section {
  heading?: string;
  lines: string[];
}

export interface Formatters {
  language: Language;
  dateTime(ms: number): string;
  duration(ms: number): string;
}
