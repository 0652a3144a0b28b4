import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ClassBadge, IncidentStatusBadge, SeverityBadge } from '../../features/incidents/incident-badges';
import { ElapsedClock, EscalationCountdown } from '../../features/incidents/incident-clocks';
import type { IncidentSummary } from '../../hooks/use-incidents';
import type { ServedPlan } from '../../api/served-plan';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime, formatDurationForHumans } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** Who, what and how long: the incident's identity, its clock and the next step of the ladder. */
export function IncidentHeader({
  incident,
  receivedAt,
  plan,
  threatTitle,
  onCall,
  actions,
}: {
  incident: IncidentSummary;
  receivedAt: number;
  plan: ServedPlan | undefined;
  threatTitle: string | undefined;
  /** Who is on call now, for whoever runs the incident; null when not to be shown. */
  onCall: ReactNode;
  actions: ReactNode;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const fired = incident.firedSteps.map((id) => plan?.escalation.find((step) => step.id === id)?.title ?? id);
  const expectedFrom = incident.etaAt !== null ? t('room.expectedFromEta') : t('room.expectedFromTarget');
  return (
    <Card withBorder radius="md" padding="md" component="header">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text size="sm" c="dimmed" fw={600}>
              {t('incidents.number', { number: incident.number })}
            </Text>
            <Title order={1} size="h2">
              {incident.title}
            </Title>
            {threatTitle && threatTitle !== incident.title && (
              <Text size="sm" c="dimmed">
                {t('room.threat', { threat: threatTitle })}
              </Text>
            )}
          </div>
          <Group gap={6}>
            <IncidentStatusBadge status={incident.status} />
            <SeverityBadge severity={incident.severity} />
            <ClassBadge expectedMs={incident.expectedMs} />
            {incident.drill && (
              <Badge color="violet" variant="outline">
                {t('incidents.drill')}
              </Badge>
            )}
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm" verticalSpacing="sm">
          <Fact label={t('incidents.started')}>{formatDateTime(incident.startedAt, language, timeZone)}</Fact>
          <Fact label={t('incidents.elapsed')} testId="elapsed">
            <ElapsedClock incident={incident} receivedAt={receivedAt} size="md" fw={600} />
          </Fact>
          <Fact label={t('incidents.target')}>
            {incident.targetMs !== null
              ? formatDurationForHumans(incident.targetMs, language)
              : t('plan.threats.noTarget')}
          </Fact>
          <Fact label={t('room.expected')}>
            {incident.expectedMs !== null
              ? `${formatDurationForHumans(incident.expectedMs, language)} (${expectedFrom})`
              : t('plan.threats.noTarget')}
          </Fact>
          <Fact label={t('incidents.eta')} testId="eta">
            {incident.etaAt !== null ? formatDateTime(incident.etaAt, language, timeZone) : t('common.none')}
          </Fact>
          <Fact label={t('incidents.nextEscalation')} testId="next-escalation">
            <EscalationCountdown incident={incident} receivedAt={receivedAt} />
          </Fact>
          <Fact label={t('room.firedSteps')}>{fired.length ? fired.join(', ') : t('common.none')}</Fact>
          {incident.resolvedAt !== null && (
            <Fact label={t('room.resolvedAt')}>{formatDateTime(incident.resolvedAt, language, timeZone)}</Fact>
          )}
        </SimpleGrid>
        {incident.cause && (
          <Fact label={t('room.causeLabel')} testId="cause">
            {incident.cause}
          </Fact>
        )}
        {incident.summary && <Fact label={t('room.summaryLabel')}>{incident.summary}</Fact>}
        {onCall}
        {actions}
      </Stack>
    </Card>
  );
}
