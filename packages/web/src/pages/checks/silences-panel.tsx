import { Badge, Button, Card, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMatcher, type Silence } from '@vigie/contract';
import { canOperate, canReadInternal } from '../../auth/permissions';
import { useCurrentSession } from '../../auth/session-context';
import { useExpireSilence, useExtendSilence, useSilences } from '../../hooks/use-silences';
import { useLanguage } from '../../i18n/use-language';
import { describeError } from '../../lib/error-message';
import { formatDateTime } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTimeZone } from '../../lib/use-time-zone';
import { SilenceFormModal } from './silence-form';

const STATE_COLOR = { active: 'orange', pending: 'blue', expired: 'gray' } as const;

/**
 * Silences, as in Alertmanager: inbound alerts whose labels match are muted for a while.
 * Shown to the contact centre's people; operators create and lift them here.
 */
export function SilencesPanel() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const silences = useSilences(canReadInternal(user));
  const operator = canOperate(user);
  // When the form was opened (it announces the end of the chosen duration from then), and the
  // expired silence it makes again, if any.
  const [creating, setCreating] = useState<{ at: number; from: Silence | null } | null>(null);
  const [showExpired, setShowExpired] = useState(false);
  if (!canReadInternal(user) || !silences.data) return null;
  const current = silences.data.filter((silence) => silence.state !== 'expired');
  const expired = silences.data.filter((silence) => silence.state === 'expired');
  return (
    <Card withBorder radius="md" padding="md" data-testid="silences">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={2} size="h4">
              {t('checks.silences.title')}
            </Title>
            <Text size="sm" c="dimmed" maw={760}>
              {t('checks.silences.intro')}
            </Text>
          </div>
          {operator && (
            <Button
              variant="light"
              style={{ flexShrink: 0 }}
              onClick={() => setCreating({ at: Date.now(), from: null })}
            >
              {t('checks.silences.new')}
            </Button>
          )}
        </Group>
        {current.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="no-silence">
            {t('checks.silences.empty')}
          </Text>
        ) : (
          <SilenceTable silences={current} operator={operator} testId="current-silences" />
        )}
        {expired.length > 0 && (
          <div>
            <Button variant="subtle" size="compact-sm" onClick={() => setShowExpired((shown) => !shown)}>
              {showExpired
                ? t('checks.silences.hideExpired')
                : t('checks.silences.showExpired', { count: expired.length })}
            </Button>
          </div>
        )}
        {showExpired && expired.length > 0 && (
          <SilenceTable
            silences={expired}
            operator={operator}
            testId="expired-silences"
            onRecreate={(silence) => setCreating({ at: Date.now(), from: silence })}
          />
        )}
      </Stack>
      {creating !== null && (
        <SilenceFormModal
          key={creating.at}
          openedAt={creating.at}
          initialMatchers={creating.from?.matchers.map(formatMatcher).join(', ')}
          initialComment={creating.from?.comment}
          onClose={() => setCreating(null)}
        />
      )}
    </Card>
  );
}

function SilenceTable({
  silences,
  operator,
  testId,
  onRecreate,
}: {
  silences: Silence[];
  operator: boolean;
  testId: string;
  /** Opens the form to make an expired silence again. */
  onRecreate?: (silence: Silence) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const expire = useExpireSilence();
  const extend = useExtendSilence();
  const at = (ms: number) => formatDateTime(ms, language, timeZone);
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped verticalSpacing="xs" data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('checks.silences.matchers')}</Table.Th>
              <Table.Th>{t('checks.silences.state')}</Table.Th>
              <Table.Th>{t('checks.silences.comment')}</Table.Th>
              <Table.Th>{t('checks.silences.mutedColumn')}</Table.Th>
              {operator && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {silences.map((silence) => (
              <Table.Tr key={silence.id} data-silence={silence.id} data-state={silence.state}>
                <Table.Td maw={340}>
                  <Group gap={4}>
                    {silence.matchers.map((matcher) => (
                      <Code key={formatMatcher(matcher)} style={{ overflowWrap: 'anywhere' }}>
                        {formatMatcher(matcher)}
                      </Code>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td miw={170}>
                  <Badge variant="light" color={STATE_COLOR[silence.state]} miw="max-content">
                    {t(`checks.silences.states.${silence.state}`)}
                  </Badge>
                  {silence.state === 'pending' && (
                    <Text size="xs" c="dimmed">
                      {t('checks.silences.from', { time: at(silence.startsAt) })}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {silence.state === 'expired'
                      ? t('checks.silences.ended', { time: at(silence.endsAt) })
                      : t('checks.silences.until', { time: at(silence.endsAt) })}
                  </Text>
                </Table.Td>
                <Table.Td maw={320}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {silence.comment}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('checks.silences.createdBy', { who: silence.createdBy, time: at(silence.createdAt) })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={silence.mutedCount === 0 ? 'dimmed' : undefined} data-testid="silence-muted">
                    {silence.mutedCount === 0 || silence.lastMutedAt === null
                      ? t('checks.silences.mutedNone')
                      : t('checks.silences.muted', { count: silence.mutedCount, time: at(silence.lastMutedAt) })}
                  </Text>
                </Table.Td>
                {operator && silence.state === 'expired' && (
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      aria-label={t('checks.silences.recreateLabel', {
                        matchers: silence.matchers.map(formatMatcher).join(', '),
                      })}
                      onClick={() => onRecreate?.(silence)}
                    >
                      {t('checks.silences.recreate')}
                    </Button>
                  </Table.Td>
                )}
                {operator && silence.state !== 'expired' && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        loading={extend.isPending && extend.variables?.id === silence.id}
                        aria-label={t('checks.silences.extendLabel', {
                          matchers: silence.matchers.map(formatMatcher).join(', '),
                        })}
                        onClick={() =>
                          extend.mutate(silence, {
                            onSuccess: (extended) =>
                              notify(t('checks.silences.extended', { time: at(extended.endsAt) }), 'success'),
                          })
                        }
                      >
                        {t('checks.silences.extend')}
                      </Button>
                      <Button
                        variant="light"
                        color="red"
                        size="compact-sm"
                        loading={expire.isPending && expire.variables === silence.id}
                        aria-label={t('checks.silences.liftLabel', {
                          matchers: silence.matchers.map(formatMatcher).join(', '),
                        })}
                        onClick={() =>
                          expire.mutate(silence.id, { onSuccess: () => notify(t('checks.silences.lifted'), 'success') })
                        }
                      >
                        {t('checks.silences.lift')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {(expire.isError || extend.isError) && (
        <Text size="sm" c="red" role="alert">
          {describeError(expire.error ?? extend.error, t).message}
        </Text>
      )}
    </>
  );
}
