import { Button, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OnCallOverride } from '@vigie/contract';
import { QueryError } from '../../components/query-error';
import { useDeleteOnCallOverride } from '../../hooks/use-on-call';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTimeZone } from '../../lib/use-time-zone';

/** The replacements not yet over, soonest first; operators delete them here. */
export function OverridesTable({ overrides, operator }: { overrides: OnCallOverride[]; operator: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const remove = useDeleteOnCallOverride();
  const at = (ms: number) => formatDateTime(ms, language, timeZone);
  return (
    <div>
      <Title order={3} size="h5" mb={4}>
        {t('onCall.overrides.title')}
      </Title>
      {overrides.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-on-call-override">
          {t('onCall.overrides.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" data-testid="on-call-overrides">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('onCall.overrides.person')}</Table.Th>
                <Table.Th>{t('onCall.overrides.from')}</Table.Th>
                <Table.Th>{t('onCall.overrides.to')}</Table.Th>
                <Table.Th>{t('onCall.overrides.reason')}</Table.Th>
                <Table.Th>{t('onCall.overrides.createdBy')}</Table.Th>
                {operator && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overrides.map((override) => (
                <Table.Tr key={override.id} data-override={override.id}>
                  <Table.Td>{override.personName}</Table.Td>
                  <Table.Td>{at(override.from)}</Table.Td>
                  <Table.Td>{at(override.to)}</Table.Td>
                  <Table.Td maw={300} style={{ overflowWrap: 'anywhere' }}>
                    {override.reason ?? t('common.none')}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{override.createdBy}</Text>
                    <Text size="xs" c="dimmed">
                      {t('onCall.overrides.createdAt', { time: at(override.createdAt) })}
                    </Text>
                  </Table.Td>
                  {operator && (
                    <Table.Td>
                      <Button
                        variant="light"
                        color="red"
                        size="compact-sm"
                        loading={remove.isPending && remove.variables === override.id}
                        aria-label={t('onCall.overrides.deleteLabel', {
                          name: override.personName,
                          time: at(override.from),
                        })}
                        onClick={() =>
                          remove.mutate(override.id, {
                            onSuccess: () => notify(t('onCall.overrides.deleted'), 'success'),
                          })
                        }
                      >
                        {t('onCall.overrides.delete')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {remove.isError && <QueryError error={remove.error} />}
    </div>
  );
}
