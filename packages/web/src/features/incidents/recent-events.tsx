import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useIncidents, type IncidentSummary } from '../../hooks/use-incidents';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';
import { QueryError } from '../../components/query-error';
import { STATUS_COLOURS } from './incident-badges';

const SHOWN = 8;
const MOMENTS = ['opened', 'acknowledged', 'resolved', 'closed'] as const;
type Moment = (typeof MOMENTS)[number];

interface RecentEvent {
  at: number;
  moment: Moment;
  incident: IncidentSummary;
}

const MOMENT_COLOURS: Record<Moment, string> = {
  opened: STATUS_COLOURS.open,
  acknowledged: STATUS_COLOURS.acknowledged,
  resolved: STATUS_COLOURS.resolved,
  closed: STATUS_COLOURS.closed,
};

/** The moments of the latest incidents, newest first: what happened while one was away. */
export function recentEvents(incidents: IncidentSummary[], count = SHOWN): RecentEvent[] {
  return (
    incidents
      .flatMap((incident): RecentEvent[] => {
        const moments: [Moment, number | null][] = [
          ['opened', incident.openedAt],
          ['acknowledged', incident.acknowledgedAt],
          ['resolved', incident.resolvedAt],
          ['closed', incident.closedAt],
        ];
        return moments.flatMap(([moment, at]) => (at === null ? [] : [{ at, moment, incident }]));
      })
      // Moments of one instant (resolved and closed at once) read in their order of occurrence.
      .sort((a, b) => b.at - a.at || MOMENTS.indexOf(b.moment) - MOMENTS.indexOf(a.moment))
      .slice(0, count)
  );
}

/** The latest openings, acknowledgements, resolutions and closures, refreshed live. */
export function RecentEvents() {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const incidents = useIncidents({ limit: 20 });
  const events = incidents.data ? recentEvents(incidents.data) : [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="recent-events-title">
      <Title order={2} size="h4" id="recent-events-title">
        {t('overview.recentTitle')}
      </Title>
      {incidents.isError && <QueryError error={incidents.error} onRetry={() => void incidents.refetch()} />}
      {incidents.data && events.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('overview.noRecentEvent')}
        </Text>
      )}
      {events.length > 0 && (
        <Paper withBorder p="sm" radius="md">
          <Stack
            gap={6}
            component="ol"
            style={{ listStyle: 'none', margin: 0, padding: 0 }}
            data-testid="recent-events"
          >
            {events.map((event) => (
              <Group
                key={`${event.incident.id}:${event.moment}`}
                gap="xs"
                wrap="nowrap"
                component="li"
                align="baseline"
              >
                <Text size="xs" c="dimmed" miw={130}>
                  {formatDateTime(event.at, language, timeZone)}
                </Text>
                <Badge size="sm" variant="light" color={MOMENT_COLOURS[event.moment]} miw="max-content">
                  {t(`overview.moments.${event.moment}`)}
                </Badge>
                <Anchor component={Link} to={`/incidents/${event.incident.id}`} size="sm" lineClamp={1}>
                  {t('incidents.number', { number: event.incident.number })} · {event.incident.title}
                </Anchor>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
