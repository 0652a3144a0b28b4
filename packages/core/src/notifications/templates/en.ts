import type { IncidentNotificationEvent, Template } from '../events';
import { bridgeLines, factsSection, reference, statusLabel } from './shared';

/** Messages in English, the second language. */
export const ENGLISH: Record<IncidentNotificationEvent, Template> = {
  'incident-opened': (f, fmt) => ({
    subject: `[${reference(f)}] Incident opened: ${f.incident.title}`,
    intro: `An incident was just opened for ${f.organisation}.`,
    sections: [factsSection(f, fmt)],
  }),
  'incident-unacknowledged': (f, fmt) => ({
    subject: `[${reference(f)}] Incident not acknowledged: ${f.incident.title}`,
    intro:
      `Nobody has acknowledged this incident yet; it has been going on for ${fmt.duration(f.elapsedMs)}. ` +
      'Acknowledge it in Vigie so that the paging stops.',
    sections: [factsSection(f, fmt)],
  }),
  'conference-call': (f, fmt) => ({
    subject: `[${reference(f)}] Conference call: ${f.incident.title}`,
    intro:
      `${f.dutyTitle ?? 'Conference call'}. Resolution is expected to take more than 60 minutes: ` +
      'a conference call is set up to inform and establish responsibilities. The invitation is attached.',
    sections: [{ heading: 'Join the call', lines: bridgeLines(f, fmt) }, factsSection(f, fmt)],
  }),
  'crisis-cell-activated': (f, fmt) => ({
    subject: `[${reference(f)}] Crisis cell activated: ${f.incident.title}`,
    intro:
      'The crisis cell is set up. It provides hourly reports and writes the formal action plan. ' +
      'The crisis will be followed by a lessons-learned review (REX).',
    sections: [...(f.text ? [{ heading: 'Members', lines: f.text.split('\n') }] : []), factsSection(f, fmt)],
  }),
  'sitrep-reminder': (f, fmt) => ({
    subject: `[${reference(f)}] Hourly situation report due`,
    intro: `The crisis cell's hourly situation report is due at ${fmt.dateTime(f.dueAt ?? f.now)}.`,
    sections: [factsSection(f, fmt)],
  }),
  'sitrep-overdue': (f, fmt) => ({
    subject: `[${reference(f)}] OVERDUE: hourly situation report not posted`,
    intro: `The situation report due at ${fmt.dateTime(f.dueAt ?? f.now)} has not been posted.`,
    sections: [factsSection(f, fmt)],
  }),
  'sitrep-posted': (f, fmt) => ({
    subject: `[${reference(f)}] Situation report: ${f.incident.title}`,
    intro: `Situation report from the crisis cell${f.sitrep ? `, written by ${f.sitrep.author}` : ''}.`,
    sections: [
      ...(f.sitrep
        ? [
            { heading: 'Situation', lines: [f.sitrep.situation] },
            { heading: 'Actions under way', lines: [f.sitrep.actions] },
            { heading: 'Next steps', lines: [f.sitrep.nextSteps] },
            ...(f.sitrep.needs ? [{ heading: 'Needs', lines: [f.sitrep.needs] }] : []),
          ]
        : []),
      factsSection(f, fmt),
    ],
  }),
  'action-plan-reminder': (f, fmt) => ({
    subject: `[${reference(f)}] Formal action plan due`,
    intro: `The crisis cell's formal action plan is due at ${fmt.dateTime(f.dueAt ?? f.now)} and has no action yet.`,
    sections: [factsSection(f, fmt)],
  }),
  'client-alert': (f, fmt) => ({
    subject: `[${reference(f)}] Service interruption beyond 6 hours: ${f.incident.title}`,
    intro:
      'We inform you without delay of a service interruption that lasts or will last more than 6 hours. ' +
      `Cause: ${f.incident.cause ?? 'under analysis; it will be given in the next update'}.`,
    sections: [factsSection(f, fmt)],
  }),
  'hourly-update': (f, fmt) => ({
    subject: `[${reference(f)}] Regular update: ${f.incident.title} (${statusLabel(f.incident.status, fmt)})`,
    intro: 'Regular update on the ongoing incident, sent every 60 minutes until service is restored.',
    sections: [...(f.text ? [{ heading: 'Latest update', lines: [f.text] }] : []), factsSection(f, fmt)],
  }),
  'failover-proposed': (f, fmt) => ({
    subject: `[${reference(f)}] Failover to the redundant site proposed`,
    intro:
      'The interruption exceeds 6 hours: starting the redundant platform is proposed. ' +
      'Start the remote redundant servers from Vigie once approved.',
    sections: [factsSection(f, fmt)],
  }),
  'deployment-plan': (f, fmt) => ({
    subject: `[${reference(f)}] Deployment plan of the continuity solution`,
    intro: 'Here is the deployment plan of the solution adopted to keep the service running.',
    sections: [{ heading: 'Deployment plan', lines: (f.text ?? 'To be defined.').split('\n') }, factsSection(f, fmt)],
  }),
  'detailed-report-due': (f, fmt) => ({
    subject: `[${reference(f)}] Detailed report to send`,
    intro: `A detailed report must be sent to all parties before ${fmt.dateTime(f.dueAt ?? f.now)}.`,
    sections: [factsSection(f, fmt)],
  }),
  'detailed-report': (f, fmt) => ({
    subject: `[${reference(f)}] Detailed report: ${f.incident.title}`,
    intro: 'Here is the detailed report of the incident, sent to all parties.',
    sections: [{ heading: 'Report', lines: (f.text ?? '').split('\n') }, factsSection(f, fmt)],
  }),
  'incident-resolved': (f, fmt) => ({
    subject: `[${reference(f)}] Incident resolved: ${f.incident.title}`,
    intro:
      `Service is restored${f.incident.resolvedAt !== null ? ` since ${fmt.dateTime(f.incident.resolvedAt)}` : ''}. ` +
      'An incident report, to be signed by all parties, will follow.',
    sections: [
      ...(f.incident.summary ? [{ heading: 'Summary', lines: [f.incident.summary] }] : []),
      factsSection(f, fmt),
    ],
  }),
  'report-due': (f, fmt) => ({
    subject: `[${reference(f)}] Incident report to sign`,
    intro: `The incident report, to be signed by all parties, is due by ${fmt.dateTime(f.dueAt ?? f.now)}.`,
    sections: [factsSection(f, fmt)],
  }),
  'rex-due': (f, fmt) => ({
    subject: `[${reference(f)}] Lessons-learned review (REX) to hold`,
    intro: `The crisis is followed by a lessons-learned review (REX), to hold before ${fmt.dateTime(f.dueAt ?? f.now)}.`,
    sections: [factsSection(f, fmt)],
  }),
  'channel-test': () => ({
    subject: 'Vigie: test message',
    intro: 'This message confirms that the notification channel works.',
    sections: [],
  }),
};
