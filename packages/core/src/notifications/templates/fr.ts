import type { IncidentNotificationEvent, Template } from '../events';
import { bridgeLines, factsSection, reference, statusLabel } from './shared';

/** Messages in French, the plan's language by default. */
export const FRENCH: Record<IncidentNotificationEvent, Template> = {
  'incident-opened': (f, fmt) => ({
    subject: `[${reference(f)}] Incident ouvert : ${f.incident.title}`,
    intro: `Un incident vient d’être ouvert pour ${f.organisation}.`,
    sections: [factsSection(f, fmt)],
  }),
  'incident-unacknowledged': (f, fmt) => ({
    subject: `[${reference(f)}] Incident non pris en charge : ${f.incident.title}`,
    intro:
      `Personne n’a encore pris en charge cet incident, en cours depuis ${fmt.duration(f.elapsedMs)}. ` +
      'Prenez-le en charge dans Vigie (« Prendre en charge ») pour que l’escalade des appels s’arrête.',
    sections: [factsSection(f, fmt)],
  }),
  'conference-call': (f, fmt) => ({
    subject: `[${reference(f)}] Call conférence : ${f.incident.title}`,
    intro:
      `${f.dutyTitle ?? 'Call conférence'}. La résolution de la panne est estimée à plus de 60 minutes : ` +
      'un call conférence est initié pour informer et situer les responsabilités. L’invitation est jointe.',
    sections: [{ heading: 'Rejoindre le call', lines: bridgeLines(f, fmt) }, factsSection(f, fmt)],
  }),
  'crisis-cell-activated': (f, fmt) => ({
    subject: `[${reference(f)}] Cellule de crise activée : ${f.incident.title}`,
    intro:
      'La cellule de crise est mise en place. Elle fournit des comptes rendus horaires et rédige le plan ' +
      'd’action formalisé. La crise fera l’objet d’un retour d’expériences (REX).',
    sections: [...(f.text ? [{ heading: 'Membres', lines: f.text.split('\n') }] : []), factsSection(f, fmt)],
  }),
  'sitrep-reminder': (f, fmt) => ({
    subject: `[${reference(f)}] Compte rendu horaire attendu`,
    intro: `Le compte rendu horaire de la cellule de crise est attendu pour ${fmt.dateTime(f.dueAt ?? f.now)}.`,
    sections: [factsSection(f, fmt)],
  }),
  'sitrep-overdue': (f, fmt) => ({
    subject: `[${reference(f)}] RETARD : compte rendu horaire non publié`,
    intro: `Le compte rendu horaire attendu pour ${fmt.dateTime(f.dueAt ?? f.now)} n’a pas été publié.`,
    sections: [factsSection(f, fmt)],
  }),
  'sitrep-posted': (f, fmt) => ({
    subject: `[${reference(f)}] Point de situation : ${f.incident.title}`,
    intro: `Point de situation de la cellule de crise${f.sitrep ? `, rédigé par ${f.sitrep.author}` : ''}.`,
    sections: [
      ...(f.sitrep
        ? [
            { heading: 'Situation', lines: [f.sitrep.situation] },
            { heading: 'Actions en cours', lines: [f.sitrep.actions] },
            { heading: 'Prochaines étapes', lines: [f.sitrep.nextSteps] },
            ...(f.sitrep.needs ? [{ heading: 'Besoins', lines: [f.sitrep.needs] }] : []),
          ]
        : []),
      factsSection(f, fmt),
    ],
  }),
  'action-plan-reminder': (f, fmt) => ({
    subject: `[${reference(f)}] Plan d’action formalisé attendu`,
    intro: `Le plan d’action formalisé de la cellule de crise est attendu pour ${fmt.dateTime(f.dueAt ?? f.now)} et ne compte encore aucune action.`,
    sections: [factsSection(f, fmt)],
  }),
  'client-alert': (f, fmt) => ({
    subject: `[${reference(f)}] Interruption de service de plus de 6 heures : ${f.incident.title}`,
    intro:
      `Nous vous informons sans délai d’une interruption de service dont la durée dépasse ou dépassera 6 heures. ` +
      `Cause : ${f.incident.cause ?? 'en cours d’analyse, elle vous sera précisée au prochain point'}.`,
    sections: [factsSection(f, fmt)],
  }),
  'hourly-update': (f, fmt) => ({
    subject: `[${reference(f)}] Information régulière : ${f.incident.title} (${statusLabel(f.incident.status, fmt)})`,
    intro:
      'Information régulière sur l’incident en cours, transmise toutes les 60 minutes jusqu’à la résolution de la panne.',
    sections: [...(f.text ? [{ heading: 'Dernière information', lines: [f.text] }] : []), factsSection(f, fmt)],
  }),
  'failover-proposed': (f, fmt) => ({
    subject: `[${reference(f)}] Bascule vers le site de secours proposée`,
    intro:
      'L’interruption dépasse 6 heures : la mise en service de la plateforme redondante est proposée. ' +
      'Lancez les serveurs distants redondants depuis Vigie après validation.',
    sections: [factsSection(f, fmt)],
  }),
  'deployment-plan': (f, fmt) => ({
    subject: `[${reference(f)}] Plan de déploiement de la solution de secours`,
    intro: 'Voici le plan de déploiement de la solution adoptée pour garantir la continuité de service.',
    sections: [{ heading: 'Plan de déploiement', lines: (f.text ?? 'À préciser.').split('\n') }, factsSection(f, fmt)],
  }),
  'detailed-report-due': (f, fmt) => ({
    subject: `[${reference(f)}] Compte rendu détaillé à transmettre`,
    intro: `Un compte rendu détaillé doit être transmis aux différents acteurs avant le ${fmt.dateTime(f.dueAt ?? f.now)}.`,
    sections: [factsSection(f, fmt)],
  }),
  'detailed-report': (f, fmt) => ({
    subject: `[${reference(f)}] Compte rendu détaillé : ${f.incident.title}`,
    intro: 'Voici le compte rendu détaillé de l’incident, transmis aux différents acteurs.',
    sections: [{ heading: 'Compte rendu', lines: (f.text ?? '').split('\n') }, factsSection(f, fmt)],
  }),
  'incident-resolved': (f, fmt) => ({
    subject: `[${reference(f)}] Incident résolu : ${f.incident.title}`,
    intro:
      `Le service est rétabli${f.incident.resolvedAt !== null ? ` depuis le ${fmt.dateTime(f.incident.resolvedAt)}` : ''}. ` +
      'Un rapport sur l’incident, à signer par toutes les parties, suivra.',
    sections: [
      ...(f.incident.summary ? [{ heading: 'Résumé', lines: [f.incident.summary] }] : []),
      factsSection(f, fmt),
    ],
  }),
  'report-due': (f, fmt) => ({
    subject: `[${reference(f)}] Rapport d’incident à signer`,
    intro: `Le rapport sur l’incident, à signer par toutes les parties, est attendu pour le ${fmt.dateTime(f.dueAt ?? f.now)}.`,
    sections: [factsSection(f, fmt)],
  }),
  'rex-due': (f, fmt) => ({
    subject: `[${reference(f)}] Retour d’expériences (REX) à tenir`,
    intro: `La crise fait l’objet d’un retour d’expériences (REX), à tenir avant le ${fmt.dateTime(f.dueAt ?? f.now)}.`,
    sections: [factsSection(f, fmt)],
  }),
  'channel-test': () => ({
    subject: 'Vigie : message de test',
    intro: 'Ce message confirme que le canal de notification fonctionne.',
    sections: [],
  }),
};
