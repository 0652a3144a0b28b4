import { Badge, Group, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OnCallScheduleView, OnCallShift } from '@vigie/contract';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';

function sameShift(a: OnCallShift, b: OnCallShift | null): boolean {
  return b !== null && a.personId === b.personId && a.overrideId === b.overrideId && a.from < b.to;
}

/**
 * The shifts of the next four weeks, replacements included. The server cuts them at the
 * period's bounds: the first shows when it really began, the last that it goes on.
 */
export function ShiftsTable({ schedule, until }: { schedule: OnCallScheduleView; until: number | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const at = (ms: number) => formatDateTime(ms, language, timeZone);
  return (
    <div>
      <Title order={3} size="h5" mb={4}>
        {t('onCall.shifts.title')}
      </Title>
      <Table.ScrollContainer minWidth={620}>
        <Table striped verticalSpacing="xs" data-testid="on-call-shifts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('onCall.shifts.person')}</Table.Th>
              <Table.Th>{t('onCall.shifts.from')}</Table.Th>
              <Table.Th>{t('onCall.shifts.to')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {schedule.shifts.map((shift, index) => {
              const current = index === 0 && sameShift(shift, schedule.now);
              const from = current && schedule.now ? schedule.now.from : shift.from;
              return (
                <Table.Tr
                  key={`${shift.from}-${shift.personId}`}
                  data-person={shift.personId}
                  data-override={shift.overrideId ?? undefined}
                >
                  <Table.Td maw={380}>
                    <Group gap={6}>
                      <Text size="sm" fw={current ? 600 : undefined}>
                        {shift.personName}
                      </Text>
                      {current && (
                        <Badge variant="light" color="blue" miw="max-content">
                          {t('onCall.shifts.current')}
                        </Badge>
                      )}
                      {shift.overrideId !== null && (
                        <Badge variant="light" color="orange" miw="max-content">
                          {t('onCall.replacement')}
                        </Badge>
                      )}
                    </Group>
                    {shift.reason && (
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {shift.reason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{at(from)}</Table.Td>
                  <Table.Td>
                    {until !== null && shift.to >= until
                      ? t('onCall.shifts.beyond', { time: at(until) })
                      : at(shift.to)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
