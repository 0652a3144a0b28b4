import { Badge, Button, Group, SegmentedControl, Stack, Text, Timeline } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notification, TimelineEntry } from '../../hooks/use-incidents';
import { useLanguage } from '../../i18n/use-language';
import { formatClock, formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';
import { DeliveryStatusBadge } from './delivery-status';
import { describeEntry } from './timeline-text';

const FILTERS = ['all', 'plan', 'messages', 'notes'] as const;
/** Lines shown at first, newest first; a long crisis writes hundreds (one per message). */
const PAGE = 50;
type Filter = (typeof FILTERS)[number];

const KINDS = [
  'status',
  'signal',
  'step',
  'duty',
  'notification',
  'delivery',
  'note',
  'action',
  'eta',
  'cause',
  'sitrep',
  'action-item',
  'crisis-cell',
] as const;
type Kind = (typeof KINDS)[number];

const IN_FILTER: Record<Exclude<Filter, 'all'>, readonly string[]> = {
  plan: ['step', 'duty', 'crisis-cell', 'sitrep', 'status'],
  messages: ['notification', 'delivery'],
  notes: ['note', 'action', 'cause', 'eta', 'action-item'],
};

const COLOURS: Partial<Record<Kind, string>> = {
  step: 'red',
  duty: 'orange',
  'crisis-cell': 'orange',
  sitrep: 'violet',
  status: 'blue',
  notification: 'cyan',
  delivery: 'cyan',
  action: 'green',
  note: 'teal',
};

/** Steps of the ladder and the plan's duties stand out: they are what the plan makes happen. */
function isHighlighted(kind: string): boolean {
  return kind === 'step' || kind === 'duty' || kind === 'crisis-cell';
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

/**
 * The incident's timeline, newest first: every entry with its time, actor, kind and summary;
 * messages with channel, recipient, subject and delivery; late and overdue entries flagged.
 */
export function TimelinePanel({
  entries,
  notifications,
  stepTitles,
}: {
  entries: TimelineEntry[];
  notifications: Notification[] | undefined;
  /** The plan's escalation steps by id, to name them in the interface language's sentence. */
  stepTitles: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const [filter, setFilter] = useState<Filter>('all');
  const [limit, setLimit] = useState(PAGE);
  const byId = new Map((notifications ?? []).map((n) => [n.id, n]));
  const matching = [...entries]
    .filter((entry) => filter === 'all' || IN_FILTER[filter].includes(entry.kind))
    .sort((a, b) => b.seq - a.seq);
  const shown = matching.slice(0, limit);

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={t('room.timeline.filter')}
        value={filter}
        onChange={(value) => {
          setFilter(value);
          setLimit(PAGE);
        }}
        data={FILTERS.map((value) => ({ value, label: t(`room.timeline.filters.${value}`) }))}
        w="fit-content"
      />
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('room.timeline.empty')}
        </Text>
      ) : (
        <Timeline active={shown.length - 1} bulletSize={14} lineWidth={2} data-testid="timeline">
          {shown.map((entry) => {
            const kind = KINDS.find((candidate) => candidate === entry.kind);
            const lateBy = typeof entry.data['lateByMs'] === 'number' ? entry.data['lateByMs'] : null;
            const overdue = entry.data['overdue'] === true;
            const notificationId = text(entry.data['notificationId']);
            const message = notificationId ? byId.get(notificationId) : undefined;
            const highlighted = isHighlighted(entry.kind);
            return (
              <Timeline.Item
                key={entry.id}
                color={(kind && COLOURS[kind]) ?? 'gray'}
                data-kind={entry.kind}
                data-late={lateBy !== null || overdue ? 'true' : undefined}
                title={
                  <Group gap={6} wrap="wrap">
                    <Text size="xs" c="dimmed" ff="monospace">
                      {formatDateTime(entry.at, language, timeZone)}
                    </Text>
                    <Badge
                      size="xs"
                      variant={highlighted ? 'filled' : 'light'}
                      color={(kind && COLOURS[kind]) ?? 'gray'}
                    >
                      {kind ? t(`room.timeline.kinds.${kind}`) : entry.kind}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {entry.actor}
                    </Text>
                    {lateBy !== null && (
                      <Badge size="xs" color="red" variant="outline">
                        {t('room.timeline.late', { duration: formatClock(lateBy, language) })}
                      </Badge>
                    )}
                    {overdue && (
                      <Badge size="xs" color="red" variant="outline">
                        {t('room.timeline.overdue')}
                      </Badge>
                    )}
                    {entry.data['public'] === true && (
                      <Badge size="xs" color="teal" variant="outline">
                        {t('room.timeline.public')}
                      </Badge>
                    )}
                  </Group>
                }
              >
                <Text
                  size={entry.kind === 'delivery' ? 'xs' : 'sm'}
                  c={entry.kind === 'delivery' ? 'dimmed' : undefined}
                  fw={highlighted ? 600 : undefined}
                >
                  {describeEntry(entry, t, language, timeZone, stepTitles)}
                </Text>
                {entry.kind === 'notification' && <MessageDetails entry={entry} message={message} />}
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
      {matching.length > shown.length && (
        <Button variant="default" w="fit-content" onClick={() => setLimit((current) => current + PAGE * 4)}>
          {t('room.timeline.more', { count: matching.length - shown.length })}
        </Button>
      )}
    </Stack>
  );
}

/** Channel, recipient, subject and the message's delivery as known now. */
function MessageDetails({ entry, message }: { entry: TimelineEntry; message: Notification | undefined }) {
  const { t } = useTranslation();
  const channel = message?.channel ?? text(entry.data['channel']);
  const recipient = message ? `${message.recipientName} <${message.address}>` : text(entry.data['to']);
  const status = message?.status ?? text(entry.data['status']);
  const reason = message?.lastError ?? text(entry.data['reason']);
  return (
    <Group gap="xs" mt={2} wrap="wrap">
      {channel && (
        <Text size="xs" c="dimmed">
          {t('room.timeline.channel', { channel })}
        </Text>
      )}
      {recipient && (
        <Text size="xs" c="dimmed">
          {t('room.timeline.recipient', { recipient })}
        </Text>
      )}
      {message && (
        <Text size="xs" c="dimmed">
          {t('room.timeline.subject', { subject: message.subject })}
        </Text>
      )}
      {status && <DeliveryStatusBadge status={status} title={reason} />}
    </Group>
  );
}
