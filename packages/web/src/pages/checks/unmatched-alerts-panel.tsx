import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMatcher, type UnmatchedAlert } from '@vigie/contract';
import { canOperate, canReadInternal } from '../../auth/permissions';
import { useCurrentSession } from '../../auth/session-context';
import { useDismissUnmatchedAlert, useUnmatchedAlerts } from '../../hooks/use-unmatched-alerts';
import { describeError } from '../../lib/error-message';
import { useLanguage } from '../../i18n/use-language';
import { formatCount, formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';
import { SilenceFormModal } from './silence-form';

/**
 * Inbound alerts that opened nothing because no threat of the plan matches them: shown only
 * when there are some, to the contact centre's people, so that a misrouted sender is noticed
 * before the day its alert matters.
 */
export function UnmatchedAlertsPanel() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const alerts = useUnmatchedAlerts(canReadInternal(user));
  const dismiss = useDismissUnmatchedAlert();
  const operator = canOperate(user);
  // The alert whose silence is being written, and when its form was opened.
  const [silencing, setSilencing] = useState<{ alertname: string; at: number } | null>(null);
  if (!alerts.data?.length) return null;
  const why = (alert: UnmatchedAlert) =>
    alert.reason === 'unknown-threat'
      ? t('checks.unmatched.unknownThreat', { threat: alert.threatLabel })
      : t('checks.unmatched.noRule');
  return (
    <Card withBorder radius="md" padding="md" data-testid="unmatched-alerts">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('checks.unmatched.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('checks.unmatched.intro')}
        </Text>
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('checks.unmatched.alert')}</Table.Th>
                <Table.Th>{t('checks.unmatched.why')}</Table.Th>
                <Table.Th>{t('checks.unmatched.count')}</Table.Th>
                <Table.Th>{t('checks.unmatched.last')}</Table.Th>
                <Table.Th>{t('checks.unmatched.labels')}</Table.Th>
                {operator && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {alerts.data.map((alert) => (
                <Table.Tr key={`${alert.alertname}\n${alert.threatLabel ?? ''}`} data-alertname={alert.alertname}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {alert.alertname || t('checks.unmatched.noName')}
                    </Text>
                    {alert.summary && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {alert.summary}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{why(alert)}</Text>
                  </Table.Td>
                  <Table.Td>{formatCount(alert.count, language)}</Table.Td>
                  <Table.Td>{formatDateTime(alert.lastAt, language, timeZone)}</Table.Td>
                  <Table.Td maw={320}>
                    <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      {Object.entries(alert.labels)
                        .map(([name, value]) => `${name}="${value}"`)
                        .join(' ')}
                    </Text>
                  </Table.Td>
                  {operator && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {alert.alertname && (
                          <Button
                            variant="subtle"
                            size="xs"
                            aria-label={t('checks.unmatched.silenceLabel', { alert: alert.alertname })}
                            onClick={() => setSilencing({ alertname: alert.alertname, at: Date.now() })}
                          >
                            {t('checks.unmatched.silence')}
                          </Button>
                        )}
                        <Button
                          variant="subtle"
                          size="xs"
                          loading={dismiss.isPending && dismiss.variables === alert.key}
                          aria-label={t('checks.unmatched.dismissLabel', { alert: alert.alertname })}
                          onClick={() => dismiss.mutate(alert.key)}
                        >
                          {t('checks.unmatched.dismiss')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {dismiss.isError && (
          <Text size="sm" c="red" role="alert">
            {describeError(dismiss.error, t).message}
          </Text>
        )}
      </Stack>
      {silencing && (
        <SilenceFormModal
          key={silencing.at}
          openedAt={silencing.at}
          initialMatchers={formatMatcher({
            name: 'alertname',
            value: silencing.alertname,
            isRegex: false,
            isEqual: true,
          })}
          onClose={() => setSilencing(null)}
        />
      )}
    </Card>
  );
}
