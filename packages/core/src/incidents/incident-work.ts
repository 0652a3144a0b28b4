import { classOfTarget, formatDuration, type Plan, type ThreatDefinition } from '@vigie/contract';
import type { Actor } from '../auth/roles';
import type { IncidentNotificationEvent, NotificationFacts } from '../notifications/events';
import { renderIcs, type CalendarInvite } from '../notifications/ics';
import { resolveRecipients, type Person } from '../notifications/recipients';
import { onCallPeopleAt } from '../on-call/on-call';
import { renderNotification } from '../notifications/render';
import { EXAMPLE_CONTACT_SKIPPED, storeNotification, type NewNotification } from '../notifications/store-notification';
import type { Randomness, Repositories } from '../ports';
import type { Incident } from './model';
import type { JobKind, TimelineEntry, TimelineKind } from './records';

/** Beyond this delay a timer that fires is reported as late in the timeline. */
export const LATE_AFTER_MS = 5_000;

export interface NotifyOptions {
  /** Distinguishes repeated messages of one event (the hour of an update, a SITREP id). */
  slot?: string | number;
  ref?: string | null;
  dutyTitle?: string | null;
  text?: string | null;
  sitrep?: NotificationFacts['sitrep'];
  dueAt?: number | null;
  invite?: Omit<CalendarInvite, 'attendees' | 'organizer' | 'uid'> | null;
}

/**
 * One unit of work on one incident inside one transaction: it changes the incident and
 * writes, in the same transaction, the timeline entries, timers and messages that follow.
 */
export class IncidentWork {
  /** Set when this work runs a timer that fired late (the server was down). */
  lateByMs = 0;

  constructor(
    readonly tx: Repositories,
    readonly plan: Plan,
    readonly incident: Incident,
    readonly now: number,
    readonly actor: Actor,
    readonly random: Randomness,
    private readonly publicUrl: string | null,
  ) {}

  get threat(): ThreatDefinition | undefined {
    return this.plan.threats.find((t) => t.id === this.incident.threatId);
  }

  actorLabel(): string {
    return this.actor.kind === 'system' ? 'Vigie' : this.actor.label;
  }

  async log(
    kind: TimelineKind,
    summary: string,
    data: Record<string, unknown> = {},
    ref: string | null = null,
  ): Promise<TimelineEntry> {
    return this.tx.timeline.append({
      id: this.random.id(),
      incidentId: this.incident.id,
      at: this.now,
      kind,
      actor: this.actorLabel(),
      ref,
      summary,
      data: this.lateByMs > LATE_AFTER_MS ? { ...data, lateByMs: this.lateByMs } : data,
    });
  }

  async schedule(kind: JobKind, runAt: number, payload: Record<string, unknown>, slot: string | number): Promise<void> {
    await this.tx.jobs.schedule({
      id: this.random.id(),
      key: `${this.incident.id}:${kind}:${slot}`,
      kind,
      incidentId: this.incident.id,
      runAt,
      payload,
      createdAt: this.now,
    });
  }

  async cancel(kinds: readonly JobKind[]): Promise<void> {
    await this.tx.jobs.cancelPending(this.incident.id, kinds, this.now);
  }

  async save(): Promise<void> {
    this.incident.updatedAt = this.now;
    await this.tx.incidents.update(this.incident);
  }

  /** The people the plan's recipients reach now: groups, persons, and whoever is on call on a schedule. */
  async people(recipients: readonly string[]): Promise<Person[]> {
    const onDuty = await onCallPeopleAt(this.tx, this.plan, recipients, this.now);
    return resolveRecipients(this.plan, this.incident.clients, recipients, onDuty);
  }

  /**
   * Writes one message per recipient (and one per webhook channel), each rendered in
   * its reader's language, queued for delivery, and noted in the timeline.
   */
  async notify(
    event: IncidentNotificationEvent,
    recipients: readonly string[],
    options: NotifyOptions = {},
  ): Promise<number> {
    const facts = await this.facts(options);
    const people = await this.people(recipients);
    const baseKey = `${this.incident.id}:${event}:${options.ref ?? '-'}:${options.slot ?? 0}`;
    let queued = 0;
    const emailChannel = this.plan.communication.channels.find((c) => c.type === 'email');
    const attendees = people.filter((p) => p.email).map((p) => ({ name: p.name, email: p.email! }));

    for (const person of people) {
      const channel = person.email ? 'email' : person.phone ? 'sms' : null;
      if (!channel) {
        await this.log(
          'notification',
          `${person.name}: no email or phone in the plan`,
          { event, to: person.id, status: 'skipped' },
          options.ref ?? null,
        );
        continue;
      }
      const message = renderNotification(event, facts, person.language);
      const calendar =
        options.invite && channel === 'email'
          ? renderIcs(
              {
                ...options.invite,
                uid: `${baseKey}@vigie`,
                organizer: {
                  name: this.plan.organisation,
                  email: emailChannel?.type === 'email' ? emailChannel.from : 'vigie@localhost',
                },
                attendees,
              },
              this.now,
            )
          : null;
      const skipped = person.example && !this.incident.drill;
      queued += await this.queue({
        key: `${baseKey}:${person.id}:${channel}`,
        event,
        channel,
        recipientId: person.id,
        recipientName: person.name,
        address: channel === 'email' ? person.email! : person.phone!,
        language: person.language,
        ...message,
        calendar,
        ref: options.ref ?? null,
        skippedReason: skipped ? EXAMPLE_CONTACT_SKIPPED : null,
      });
    }

    for (const hook of this.plan.communication.channels.filter((c) => c.type === 'webhook')) {
      const message = renderNotification(event, facts, this.plan.language);
      queued += await this.queue({
        key: `${baseKey}:${hook.id}:webhook`,
        event,
        channel: 'webhook',
        recipientId: hook.id,
        recipientName: hook.id,
        address: hook.url,
        language: this.plan.language,
        ...message,
        calendar: null,
        ref: options.ref ?? null,
        skippedReason: null,
      });
    }
    return queued;
  }

  private async queue(message: NewNotification): Promise<number> {
    const record = await storeNotification(this.tx, this.random, message, this.incident.id, this.now);
    if (!record) return 0;
    await this.log(
      'notification',
      `${record.subject} → ${record.recipientName}`,
      {
        notificationId: record.id,
        event: record.event,
        channel: record.channel,
        to: record.address,
        name: record.recipientName,
        subject: record.subject,
        status: record.status,
        ...(message.skippedReason && { reason: message.skippedReason }),
      },
      record.ref,
    );
    return 1;
  }

  private async facts(options: NotifyOptions): Promise<NotificationFacts> {
    const threat = this.threat;
    const timeline = await this.tx.timeline.list(this.incident.id);
    const items = await this.tx.actionItems.list(this.incident.id);
    const nextUpdate = await this.tx.jobs.pendingFor(this.incident.id, ['duty.update-due', 'duty.sitrep-due']);
    return {
      organisation: this.plan.organisation,
      timezone: this.plan.timezone,
      incident: {
        number: this.incident.number,
        title: this.incident.title,
        threatTitle: threat?.title ?? this.incident.threatId,
        status: this.incident.status,
        severity: this.incident.severity,
        startedAt: this.incident.startedAt,
        etaAt: this.incident.etaAt,
        resolvedAt: this.incident.resolvedAt,
        cause: this.incident.cause,
        summary: this.incident.summary,
      },
      now: this.now,
      elapsedMs: (this.incident.resolvedAt ?? this.now) - this.incident.startedAt,
      target: threat
        ? (threat.targetText ?? (threat.target !== undefined ? formatDuration(threat.target) : null))
        : null,
      actionsDone: [
        ...timeline.filter((e) => e.kind === 'action').map((e) => e.summary),
        ...items.filter((i) => i.status === 'done').map((i) => i.title),
      ],
      nextUpdateAt: nextUpdate.length ? Math.min(...nextUpdate.map((j) => j.runAt)) : null,
      dutyTitle: options.dutyTitle ?? null,
      text: options.text ?? null,
      sitrep: options.sitrep ?? null,
      bridge: this.plan.communication.bridge
        ? {
            title: this.plan.communication.bridge.title,
            url: this.plan.communication.bridge.url ?? null,
            phone: this.plan.communication.bridge.phone ?? null,
            pin: this.plan.communication.bridge.pin ?? null,
            instructions: this.plan.communication.bridge.instructions ?? null,
          }
        : null,
      dueAt: options.dueAt ?? null,
      link: this.publicUrl ? `${this.publicUrl.replace(/\/$/, '')}/incidents/${this.incident.id}` : null,
    };
  }
}

/** The class of the incident's threat, for display. */
export function threatClass(threat: ThreatDefinition | undefined): 'short' | 'long' {
  return classOfTarget(threat?.target, threat?.class);
}
