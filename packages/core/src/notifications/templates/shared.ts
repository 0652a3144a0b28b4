import type { Formatters, NotificationFacts, Section } from '../events';

const LABELS = {
  fr: {
    incident: 'Incident',
    threat: 'Type d’incident',
    started: 'Début',
    elapsed: 'Durée écoulée',
    target: 'Temps de résolution prévu par le plan',
    eta: 'Rétablissement estimé',
    unknownEta: 'en cours d’évaluation',
    cause: 'Cause',
    unknownCause: 'en cours d’analyse',
    status: 'Statut',
    actions: 'Actions réalisées',
    none: 'aucune pour l’instant',
    nextUpdate: 'Prochaine information',
    facts: 'Les faits',
    link: 'Suivre l’incident',
  },
  en: {
    incident: 'Incident',
    threat: 'Incident type',
    started: 'Started',
    elapsed: 'Elapsed',
    target: 'Resolution time in the plan',
    eta: 'Estimated recovery',
    unknownEta: 'being assessed',
    cause: 'Cause',
    unknownCause: 'under analysis',
    status: 'Status',
    actions: 'Actions taken',
    none: 'none yet',
    nextUpdate: 'Next update',
    facts: 'The facts',
    link: 'Follow the incident',
  },
} as const;

const STATUS = {
  fr: {
    open: 'ouvert',
    acknowledged: 'pris en charge',
    mitigating: 'en cours de rétablissement',
    resolved: 'résolu',
    closed: 'clos',
  },
  en: { open: 'open', acknowledged: 'acknowledged', mitigating: 'mitigating', resolved: 'resolved', closed: 'closed' },
} as const;

export function statusLabel(status: string, format: Formatters): string {
  return (STATUS[format.language] as Record<string, string>)[status] ?? status;
}

export function reference(facts: NotificationFacts): string {
  return `INC-${facts.incident.number}`;
}

/** The facts every message about an incident carries. */
export function factsSection(facts: NotificationFacts, format: Formatters): Section {
  const t = LABELS[format.language];
  const { incident } = facts;
  const lines = [
    `${t.incident}: ${reference(facts)} — ${incident.title}`,
    `${t.threat}: ${incident.threatTitle}`,
    `${t.status}: ${statusLabel(incident.status, format)}`,
    `${t.started}: ${format.dateTime(incident.startedAt)}`,
    `${t.elapsed}: ${format.duration(facts.elapsedMs)}`,
  ];
  if (facts.target) lines.push(`${t.target}: ${facts.target}`);
  lines.push(`${t.eta}: ${incident.etaAt !== null ? format.dateTime(incident.etaAt) : t.unknownEta}`);
  lines.push(`${t.cause}: ${incident.cause ?? t.unknownCause}`);
  lines.push(`${t.actions}: ${facts.actionsDone.length ? facts.actionsDone.join(' ; ') : t.none}`);
  if (facts.nextUpdateAt !== null) lines.push(`${t.nextUpdate}: ${format.dateTime(facts.nextUpdateAt)}`);
  if (facts.link) lines.push(`${t.link}: ${facts.link}`);
  return { heading: t.facts, lines };
}

export function bridgeLines(facts: NotificationFacts, format: Formatters): string[] {
  const bridge = facts.bridge;
  if (!bridge) return [format.language === 'fr' ? 'Pont de conférence : à préciser' : 'Conference bridge: to be set'];
  const fr = format.language === 'fr';
  return [
    bridge.title,
    ...(bridge.url ? [`${fr ? 'Lien' : 'Link'}: ${bridge.url}`] : []),
    ...(bridge.phone ? [`${fr ? 'Téléphone' : 'Phone'}: ${bridge.phone}`] : []),
    ...(bridge.pin ? [`${fr ? 'Code' : 'PIN'}: ${bridge.pin}`] : []),
    ...(bridge.instructions ? [bridge.instructions] : []),
  ];
}
