import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Notification } from '../../hooks/use-incidents';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';
import { DeliveryStatusBadge } from './delivery-status';

/** Every message the incident sent, to whom, on which channel, and whether it arrived. */
export function NotificationsPanel({ notifications }: { notifications: Notification[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  if (notifications.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('room.notifications.empty')}
      </Text>
    );
  }
  const sorted = [...notifications].sort((a, b) => b.createdAt - a.createdAt);
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped verticalSpacing="xs" captionSide="top" data-testid="notifications-table">
        <Table.Caption>{t('room.notifications.caption', { count: notifications.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('room.notifications.createdAt')}</Table.Th>
            <Table.Th>{t('room.notifications.channel')}</Table.Th>
            <Table.Th>{t('room.notifications.recipient')}</Table.Th>
            <Table.Th>{t('room.notifications.subject')}</Table.Th>
            <Table.Th>{t('room.notifications.status')}</Table.Th>
            <Table.Th>{t('room.notifications.sentAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((message) => (
            <Table.Tr key={message.id}>
              <Table.Td>
                <Text size="sm">{formatDateTime(message.createdAt, language, timeZone)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{message.channel}</Text>
                {message.fallbackOf && (
                  <Text size="xs" c="dimmed">
                    {t('room.notifications.fallback')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{message.recipientName}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {message.address}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{message.subject}</Text>
              </Table.Td>
              <Table.Td>
                <DeliveryStatusBadge status={message.status} title={message.lastError} />
                {message.lastError && (
                  <Text size="xs" c="dimmed">
                    {message.lastError}
                  </Text>
                )}
                {message.attempts > 1 && (
                  <Text size="xs" c="dimmed">
                    {t('room.notifications.attempts', { count: message.attempts })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {message.sentAt !== null ? formatDateTime(message.sentAt, language, timeZone) : t('common.none')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
