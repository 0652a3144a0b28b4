import { Text, type TextProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncidentSummary } from '../../hooks/use-incidents';
import { useLanguage } from '../../i18n/use-language';
import { formatClock } from '../../lib/format';
import { liveElapsedMs, serverNow } from '../../lib/incident-clock';
import { useNow } from '../../lib/use-now';

interface ClockProps extends TextProps {
  incident: IncidentSummary;
  /** When the incident's figures arrived from the server (the query's dataUpdatedAt). */
  receivedAt: number;
}

/** Time since the interruption began, running until it is resolved; red past the target. */
export function ElapsedClock({ incident, receivedAt, ...props }: ClockProps) {
  const language = useLanguage();
  const now = useNow();
  const elapsed = liveElapsedMs(incident, receivedAt, now);
  const late = incident.targetMs !== null && elapsed > incident.targetMs && incident.resolvedAt === null;
  return (
    <Text span size="sm" ff="monospace" c={late ? 'red' : undefined} fw={late ? 600 : undefined} {...props}>
      {formatClock(elapsed, language)}
    </Text>
  );
}

/** The next step of the escalation ladder and the time left before it fires. */
export function EscalationCountdown({ incident, receivedAt, ...props }: ClockProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useNow();
  const next = incident.nextEscalation;
  if (!next) {
    return (
      <Text span size="sm" c="dimmed" {...props}>
        {t('incidents.noNextEscalation')}
      </Text>
    );
  }
  const left = next.at - serverNow(incident, receivedAt, now);
  return (
    <Text span size="sm" {...props} data-countdown={next.stepId}>
      <Text span size="sm" fw={600}>
        {next.title}
      </Text>{' '}
      <Text span size="sm" ff="monospace" c={left <= 15 * 60_000 ? 'red' : 'orange'} fw={600}>
        {left > 0 ? t('incidents.in', { duration: formatClock(left, language) }) : t('incidents.dueNow')}
      </Text>
    </Text>
  );
}
