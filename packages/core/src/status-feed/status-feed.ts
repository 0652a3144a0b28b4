import type { IncidentStatus } from '../incidents/model';
import { escapeXml } from '../status-badges/escape-xml';

export type FeedLanguage = 'fr' | 'en';

/** One incident of a client as its status page tells it: no cause, no internal note. */
export interface FeedIncident {
  number: number;
  title: string;
  status: IncidentStatus;
  startedAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  /** The public notes, oldest first. */
  updates: { at: number; text: string }[];
}

export interface StatusFeed {
  clientName: string;
  /** The status page the feed follows, and the feed's own address. */
  pageUrl: string;
  feedUrl: string;
  generatedAt: number;
  language: FeedLanguage;
  timeZone: string;
  /** The newest first. */
  incidents: FeedIncident[];
}

const WORDS = {
  fr: {
    title: (client: string) => `État des services — ${client}`,
    status: {
      open: 'Ouvert',
      acknowledged: 'Pris en charge',
      mitigating: 'Rétablissement en cours',
      resolved: 'Résolu',
      closed: 'Clos',
    },
    started: 'Début :',
    resolved: 'Résolu le',
    noUpdate: 'Aucune information publique pour l’instant.',
  },
  en: {
    title: (client: string) => `Service status — ${client}`,
    status: {
      open: 'Open',
      acknowledged: 'Acknowledged',
      mitigating: 'Being restored',
      resolved: 'Resolved',
      closed: 'Closed',
    },
    started: 'Started:',
    resolved: 'Resolved on',
    noUpdate: 'No public update yet.',
  },
} as const;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** An entry's text: when it began, its public notes, and when it was resolved. */
function entryText(incident: FeedIncident, feed: StatusFeed): string {
  const words = WORDS[feed.language];
  const when = new Intl.DateTimeFormat(feed.language === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: feed.timeZone,
  });
  const lines = [`${words.started} ${when.format(incident.startedAt)}`];
  if (incident.updates.length === 0) lines.push(words.noUpdate);
  for (const update of incident.updates) lines.push(`${when.format(update.at)} — ${update.text}`);
  if (incident.resolvedAt !== null) lines.push(`${words.resolved} ${when.format(incident.resolvedAt)}`);
  return lines.join('\n');
}

/**
 * A client's status page as an Atom feed (RFC 4287): one entry per incident, its state in the
 * title and its public notes in the text, for a feed reader or a mail client to follow.
 */
export function statusFeedAtom(feed: StatusFeed): string {
  const words = WORDS[feed.language];
  // The feed changes when one of its incidents does; without any, it is as of now.
  const updated = feed.incidents.length ? Math.max(...feed.incidents.map((i) => i.updatedAt)) : feed.generatedAt;
  const entries = feed.incidents.map((incident) =>
    [
      '  <entry>',
      `    <id>${escapeXml(`${feed.pageUrl}#incident-${incident.number}`)}</id>`,
      `    <title>${escapeXml(`[${words.status[incident.status]}] ${incident.title}`)}</title>`,
      `    <published>${iso(incident.startedAt)}</published>`,
      `    <updated>${iso(incident.updatedAt)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
      `    <content type="text">${escapeXml(entryText(incident, feed))}</content>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.language}">`,
    `  <id>${escapeXml(feed.pageUrl)}</id>`,
    `  <title>${escapeXml(words.title(feed.clientName))}</title>`,
    `  <updated>${iso(updated)}</updated>`,
    `  <author><name>${escapeXml(feed.clientName)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
