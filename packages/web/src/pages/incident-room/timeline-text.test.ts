import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../hooks/use-incidents';
import { en } from '../../i18n/en';
import { fr } from '../../i18n/fr';
import type { Language } from '../../i18n/i18n';
import { describeEntry } from './timeline-text';

const translators = new Map<Language, TFunction>();

beforeAll(async () => {
  for (const language of ['fr', 'en'] as const) {
    const instance = i18next.createInstance();
    await instance.init({
      lng: language,
      resources: { fr: { translation: fr }, en: { translation: en } },
      interpolation: { escapeValue: false },
    });
    translators.set(language, instance.t);
  }
});

function entry(kind: string, summary: string, ref: string | null = null): TimelineEntry {
  return { id: 'e1', seq: 1, at: 0, kind, actor: 'Vigie', ref, summary, data: {} };
}

function lineIn(summary: string, language: Language, kind = 'signal', ref: string | null = null): string {
  return describeEntry(entry(kind, summary, ref), translators.get(language)!, language, 'Africa/Douala', new Map());
}

describe('detection lines of the timeline', () => {
  it.each([
    ['Detected: Media Gateway: no answer to OPTIONS', 'fr', 'Détecté : Media Gateway: no answer to OPTIONS'],
    ['Detected: Media Gateway: no answer to OPTIONS', 'en', 'Detected: Media Gateway: no answer to OPTIONS'],
    [
      'Back to normal: Connexion SQL A: connexion rétablie',
      'fr',
      'Retour à la normale : Connexion SQL A: connexion rétablie',
    ],
    ['Signal attached: alert:0123abcd', 'fr', 'Signal rattaché : alert:0123abcd'],
    [
      'Consequence: Onnet32 down — Serveur Onnet32, CRM depends on Lien Media Gateway',
      'fr',
      'Conséquence de la panne de Lien Media Gateway : Onnet32 down (Serveur Onnet32, CRM)',
    ],
    [
      'Consequence: SQL B (down), SQL A (down) — SQL B: timeout — Serveur SQL depends on Onduleur',
      'en',
      'Consequence of Onduleur failing: SQL B (down), SQL A (down) — SQL B: timeout (Serveur SQL)',
    ],
    [
      '9990 signals detected: Disque plein sur hmp-0; Disque plein sur hmp-1; Disque plein sur hmp-2 …',
      'fr',
      '9\u202f990 signaux détectés : Disque plein sur hmp-0; Disque plein sur hmp-1; Disque plein sur hmp-2 …',
    ],
    [
      '9990 signals back to normal: Disque plein sur hmp-0 …',
      'en',
      '9,990 signals back to normal: Disque plein sur hmp-0 …',
    ],
    [
      '12 consequences attached: CRM down; Onnet32 down …',
      'fr',
      '12 conséquences rattachées : CRM down; Onnet32 down …',
    ],
    ['Something the interface does not know', 'fr', 'Something the interface does not know'],
  ] as const)('%s (%s)', (summary, language, expected) => {
    expect(lineIn(summary, language)).toBe(expected);
  });
});

describe('runbook lines of the timeline', () => {
  const title = 'Libérer le disque HMP';
  it.each([
    [`${title}: started (3 steps)`, `${title} : lancée (3 étapes)`, `${title}: started (3 steps)`],
    [`${title}: completed`, `${title} : terminée`, `${title}: completed`],
    [
      `${title}: stopped on a failed step`,
      `${title} : arrêtée sur une étape en échec`,
      `${title}: stopped on a failed step`,
    ],
    [`${title}: cancelled by Awa`, `${title} : annulée par Awa`, `${title}: cancelled by Awa`],
    [
      `${title} — to do: Vérifier l’espace`,
      `${title} — à faire : Vérifier l’espace`,
      `${title} — to do: Vérifier l’espace`,
    ],
    [
      `${title} — awaiting approval: Archiver (archive-audio on serveur-hmp)`,
      `${title} — en attente d’approbation : Archiver (archive-audio sur serveur-hmp)`,
      `${title} — awaiting approval: Archiver (archive-audio on serveur-hmp)`,
    ],
    [
      `${title} — Archiver: archive-audio asked of the agent of serveur-hmp`,
      `${title} — Archiver : archive-audio demandé à l’agent de serveur-hmp`,
      `${title} — Archiver: archive-audio asked of the agent of serveur-hmp`,
    ],
    [
      `${title} — Archiver: cannot be run automatically (no agent serves serveur-hmp); do it by hand, then tick it`,
      `${title} — Archiver : ne peut pas être exécutée automatiquement (no agent serves serveur-hmp) ; faites-la à la main, puis cochez-la`,
      `${title} — Archiver: cannot be run automatically (no agent serves serveur-hmp); do it by hand, then tick it`,
    ],
    [
      `${title} — Archiver: cannot be run automatically (no agent serves the asset serveur-hmp: enrol one for it (POST /api/v1/agents) before asking for archive-audio); do it by hand, then tick it`,
      `${title} — Archiver : ne peut pas être exécutée automatiquement (aucun agent n’est enrôlé pour serveur-hmp : enrôlez-en un (POST /api/v1/agents) avant de demander archive-audio) ; faites-la à la main, puis cochez-la`,
      `${title} — Archiver: cannot be run automatically (no agent serves the asset serveur-hmp: enrol one for it (POST /api/v1/agents) before asking for archive-audio); do it by hand, then tick it`,
    ],
    [`${title} — Archiver: succeeded`, `${title} — Archiver : réussie`, `${title} — Archiver: succeeded`],
    [
      `${title} — Archiver: timeout, retrying (1/3)`,
      `${title} — Archiver : délai dépassé, nouvel essai (1/3)`,
      `${title} — Archiver: timed out, retrying (1/3)`,
    ],
    [
      `${title} — Archiver: refused`,
      `${title} — Archiver : refusée par l’agent`,
      `${title} — Archiver: refused by the agent`,
    ],
    [
      `${title} — approved by Awa: Archiver — vu avec le client`,
      `${title} — approuvée par Awa : Archiver — vu avec le client`,
      `${title} — approved by Awa: Archiver — vu avec le client`,
    ],
    [
      `${title} — skipped by Awa: Archiver`,
      `${title} — passée par Awa : Archiver`,
      `${title} — skipped by Awa: Archiver`,
    ],
  ] as const)('%s', (summary, french, english) => {
    expect(lineIn(summary, 'fr', 'action', 'runbook:threat')).toBe(french);
    expect(lineIn(summary, 'en', 'action', 'runbook:threat')).toBe(english);
  });

  it('leaves an action someone wrote as written', () => {
    expect(lineIn('Redémarré le serveur: completed', 'fr', 'action', null)).toBe('Redémarré le serveur: completed');
  });
});

describe('recovery point notes of the timeline', () => {
  // Durations are formatted by Intl, with its no-break spaces: compared with plain ones.
  const note = (summary: string, data: Record<string, unknown>, language: Language) =>
    describeEntry(
      { ...entry('note', summary), data },
      translators.get(language)!,
      language,
      'Africa/Douala',
      new Map(),
    ).replace(/\s/g, ' ');
  const known = { check: 'backup-sql', recoveryPoint: 1_000, dataAtRiskMs: 6 * 3_600_000 };
  const unknown = { check: 'backup-sql', recoveryPoint: null };

  it.each([
    [
      'Sauvegarde SQL: last good backup 6h before the incident — data since then is at risk (recovery point)',
      known,
      'Sauvegarde SQL : dernière sauvegarde réussie 6 h avant l’incident — les données depuis sont à risque (point de reprise)',
      'Sauvegarde SQL: last good backup 6 hrs before the incident — data since then is at risk (recovery point)',
    ],
    [
      'Sauvegarde SQL (hmp): newest backup crm-0612.bak written 6h before the incident — data since then is at risk (recovery point)',
      { ...known, backupFile: 'crm-0612.bak' },
      'Sauvegarde SQL (hmp) : dernière sauvegarde crm-0612.bak, écrite 6 h avant l’incident — les données depuis sont à risque (point de reprise)',
      'Sauvegarde SQL (hmp): newest backup crm-0612.bak written 6 hrs before the incident — data since then is at risk (recovery point)',
    ],
    [
      'Sauvegarde SQL: no good backup in the last 14d',
      unknown,
      'Sauvegarde SQL : aucune sauvegarde réussie sur les 14 jours précédents',
      'Sauvegarde SQL: no good backup in the last 14 days',
    ],
    [
      'Sauvegarde SQL: no report from agent hmp before the incident: the recovery point is unknown',
      unknown,
      'Sauvegarde SQL : aucun rapport de l’agent hmp avant l’incident ; point de reprise inconnu',
      'Sauvegarde SQL: no report from agent hmp before the incident: the recovery point is unknown',
    ],
    [
      'Sauvegarde SQL: cannot read backup folder D:\\Backups: EACCES: permission denied: the recovery point is unknown',
      unknown,
      'Sauvegarde SQL : dossier de sauvegarde D:\\Backups illisible (EACCES: permission denied) ; point de reprise inconnu',
      'Sauvegarde SQL: cannot read backup folder D:\\Backups (EACCES: permission denied): the recovery point is unknown',
    ],
    [
      'Sauvegarde SQL: no backup in /srv/backups: the recovery point is unknown',
      unknown,
      'Sauvegarde SQL : aucune sauvegarde dans /srv/backups ; point de reprise inconnu',
      'Sauvegarde SQL: no backup in /srv/backups: the recovery point is unknown',
    ],
  ] as const)('%s', (summary, data, french, english) => {
    expect(note(summary, data, 'fr')).toBe(french);
    expect(note(summary, data, 'en')).toBe(english);
  });

  it('leaves a note someone wrote as written', () => {
    const written = 'Sauvegarde SQL: no backup in the safe, see with the supplier';
    expect(note(written, {}, 'fr')).toBe(written);
  });
});

describe('duty lines of the timeline', () => {
  it.each([
    ['Compte rendu horaire: every 1h, first due at +1h', 'fr', 'Compte rendu horaire : toutes les 60 min'],
    [
      'Point de situation: every 1m until resolution',
      'fr',
      'Point de situation : toutes les minutes jusqu’à la résolution',
    ],
    ['Information régulière: every 1h until resolution', 'en', 'Information régulière: every 60 mins until resolution'],
    [
      'Retour d’expériences (REX): to hold within 7d of closure',
      'fr',
      'Retour d’expériences (REX) : à tenir dans les 7 jours après la clôture',
    ],
    ['Plan d’action formalisé: due by +1h', 'fr', 'Plan d’action formalisé : à rendre sous 60 min'],
    ['Plan d’action formalisé: due by +1h30m', 'en', 'Plan d’action formalisé: due within 90 mins'],
  ] as const)('"%s" in %s reads "%s"', (summary, language, expected) => {
    expect(lineIn(summary, language, 'duty').replace(/\s/g, ' ')).toBe(expected.replace(/\s/g, ' '));
  });
});

describe('paging lines of the timeline', () => {
  const paging = (summary: string, data: Record<string, unknown>, language: Language) =>
    describeEntry(
      { ...entry('duty', summary, 'unacknowledged:0'), data },
      translators.get(language)!,
      language,
      'Africa/Douala',
      new Map(),
    ).replace(/\s/g, ' ');
  const paged = { unacknowledged: true, afterMs: 15 * 60_000, people: ['Awa', 'Bruno'] };

  it.each([
    [
      'Not acknowledged after 15m: paging Awa, Bruno',
      'fr',
      'Non pris en charge après 15 min : appel de Awa, Bruno',
      paged,
    ],
    ['Not acknowledged after 15m: paging Awa, Bruno', 'en', 'Not acknowledged after 15 mins: paging Awa, Bruno', paged],
    [
      'Not acknowledged after 2h: paging Awa',
      'fr',
      'Non pris en charge après 2 h : appel de Awa',
      { unacknowledged: true, afterMs: 2 * 3_600_000, people: ['Awa'] },
    ],
    [
      'Not acknowledged after 15m: paging nobody (no such recipient in the plan)',
      'fr',
      'Non pris en charge après 15 min : personne à appeler (aucun destinataire connu dans le plan)',
      { unacknowledged: true, afterMs: 15 * 60_000, people: [] },
    ],
    // Data of a shape not known here: the server's sentence, as written.
    [
      'Not acknowledged after 15m: paging Awa',
      'fr',
      'Not acknowledged after 15m: paging Awa',
      { unacknowledged: true, afterMs: '15m', people: ['Awa'] },
    ],
  ] as const)('"%s" in %s reads "%s"', (summary, language, expected, data) => {
    expect(paging(summary, data, language)).toBe(expected);
  });
});
