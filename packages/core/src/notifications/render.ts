import { formatDuration, type Language } from '@vigie/contract';
import type { Formatters, IncidentNotificationEvent, NotificationFacts, RenderedMessage, Section } from './events';
import { ENGLISH } from './templates/en';
import { FRENCH } from './templates/fr';

const TEMPLATES = { fr: FRENCH, en: ENGLISH } as const;

const FORMATTERS = new Map<string, Formatters>();

/** Dates in the plan's time zone and the reader's language (built once per pair: Intl is slow to build). */
export function formattersFor(language: Language, timezone: string): Formatters {
  const key = `${language}|${timezone}`;
  const cached = FORMATTERS.get(key);
  if (cached) return cached;
  const built = buildFormatters(language, timezone);
  FORMATTERS.set(key, built);
  return built;
}

function buildFormatters(language: Language, timezone: string): Formatters {
  const dates = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: timezone,
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return {
    language,
    dateTime: (ms) => `${dates.format(ms)} (${timezone})`,
    duration: (ms) => formatDuration(Math.max(0, Math.round(ms / 60_000) * 60_000)).replace(/^0s$/, '0m'),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A message as its reader gets it, in text and HTML, from its intro and sections. */
export function renderMessage(
  parts: { subject: string; intro: string; sections: readonly Section[] },
  organisation: string,
): RenderedMessage {
  const { subject, intro, sections } = parts;
  const text = [
    intro,
    ...sections.map((s) =>
      [s.heading ? `${s.heading}\n${'-'.repeat(s.heading.length)}` : '', ...s.lines].filter(Boolean).join('\n'),
    ),
    `— Vigie, ${organisation}`,
  ].join('\n\n');
  const html = [
    '<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:14px;color:#1a1a1a">',
    `<p>${escapeHtml(intro)}</p>`,
    ...sections.map(
      (s) =>
        (s.heading ? `<h3 style="font-size:15px;margin:16px 0 4px">${escapeHtml(s.heading)}</h3>` : '') +
        `<ul style="margin:0;padding-left:18px">${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    ),
    `<p style="color:#666;font-size:12px">Vigie, ${escapeHtml(organisation)}</p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}

/** Renders one event for one reader: subject, plain text and HTML carrying the same facts. */
export function renderNotification(
  event: IncidentNotificationEvent,
  facts: NotificationFacts,
  language: Language,
): RenderedMessage {
  const format = formattersFor(language, facts.timezone);
  return renderMessage(TEMPLATES[language][event](facts, format), facts.organisation);
}
