import type { PublicStatusPage } from '@vigie/contract';
import { notFound } from '../errors';

/** What a badge tells: the state of the services, or their availability over 30 days. */
export type BadgeTopic = 'status' | 'availability';
export type BadgeLanguage = 'fr' | 'en';

/** A badge as drawn: a grey label, then a message on its colour. */
export interface Badge {
  label: string;
  message: string;
  colour: string;
}

type ServiceState = PublicStatusPage['services'][number]['state'];

const STATE_WORDS: Record<BadgeLanguage, Record<ServiceState, string>> = {
  fr: { operational: 'Opérationnel', degraded: 'Dégradé', disrupted: 'Perturbé', maintenance: 'En maintenance' },
  en: { operational: 'Operational', degraded: 'Degraded', disrupted: 'Disrupted', maintenance: 'Under maintenance' },
};
const STATE_COLOURS: Record<ServiceState, string> = {
  operational: '#2b8a3e',
  degraded: '#e67700',
  disrupted: '#c92a2a',
  maintenance: '#1971c2',
};
/** The worst state first: a client's badge tells the worst of its services. */
const SEVERITY: readonly ServiceState[] = ['disrupted', 'degraded', 'maintenance', 'operational'];
const NO_FIGURE: Record<BadgeLanguage, string> = { fr: 'aucune mesure', en: 'no data' };
const PERIOD: Record<BadgeLanguage, string> = { fr: '30 j', en: '30d' };

function availabilityColour(share: number): string {
  if (share >= 0.999) return '#2b8a3e';
  if (share >= 0.99) return '#5c940d';
  if (share >= 0.95) return '#e67700';
  return '#c92a2a';
}

/** A share written as people of the language read it: `99,95 %`, `99.95%`. */
function percent(share: number, language: BadgeLanguage): string {
  const figure = (Math.floor(share * 10_000) / 100).toFixed(2).replace(/\.?0+$/, '');
  return language === 'fr' ? `${figure.replace('.', ',')}\u202f%` : `${figure}%`;
}

/**
 * The badge of a client's status page, or of one of its services: its state (the worst of
 * its services for the client), or its availability over 30 days (the mean of its services').
 */
export function statusBadge(
  page: PublicStatusPage,
  options: { topic: BadgeTopic; language: BadgeLanguage; service?: string | undefined },
): Badge {
  const services =
    options.service === undefined ? page.services : page.services.filter((s) => s.name === options.service);
  if (options.service !== undefined && services.length === 0) {
    throw notFound(`${page.client.name} has no service named "${options.service}"`);
  }
  const label = options.service ?? page.client.name;
  if (options.topic === 'status') {
    const worst = SEVERITY.find((state) => services.some((s) => s.state === state)) ?? 'operational';
    return { label, message: STATE_WORDS[options.language][worst], colour: STATE_COLOURS[worst] };
  }
  const figures = services.flatMap((s) => (s.availability30d === null ? [] : [s.availability30d]));
  const period = PERIOD[options.language];
  if (figures.length === 0) return { label, message: `${NO_FIGURE[options.language]} (${period})`, colour: '#868e96' };
  const mean = figures.reduce((sum, share) => sum + share, 0) / figures.length;
  return { label, message: `${percent(mean, options.language)} (${period})`, colour: availabilityColour(mean) };
}
