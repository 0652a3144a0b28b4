import { Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ThreatView } from '@vigie/contract';
import { useThreats } from '../../hooks/use-plan';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';

const SEVERITY_COLOURS = { critical: 'red', major: 'orange', minor: 'yellow' } as const;

/** The threat catalogue as the plan writes it: type, causes, solution, resolution time, class. */
export function ThreatTable() {
  const { t } = useTranslation();
  const threats = useThreats();
  if (threats.isPending) return <PageLoader />;
  if (threats.isError) return <QueryError error={threats.error} onRetry={() => void threats.refetch()} />;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('plan.threats.count', { count: threats.data.threats.length })}
      </Text>
      <Table.ScrollContainer minWidth={760}>
        <Table striped verticalSpacing="sm" captionSide="top" data-testid="threat-table">
          <Table.Caption>{t('plan.threats.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plan.threats.type')}</Table.Th>
              <Table.Th>{t('plan.threats.causes')}</Table.Th>
              <Table.Th>{t('plan.threats.solution')}</Table.Th>
              <Table.Th>{t('plan.threats.target')}</Table.Th>
              <Table.Th>{t('plan.threats.class')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {threats.data.threats.map((threat) => (
              <ThreatRow key={threat.id} threat={threat} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function ThreatRow({ threat }: { threat: ThreatView }) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-threat={threat.id}>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <Text size="sm" fw={600}>
            {threat.title}
          </Text>
          <Badge size="xs" variant="light" color={SEVERITY_COLOURS[threat.severity]}>
            {t(`plan.threats.severity.${threat.severity}`)}
          </Badge>
        </Stack>
      </Table.Td>
      <Table.Td>{threat.causes}</Table.Td>
      <Table.Td>{threat.solution}</Table.Td>
      <Table.Td>
        {threat.targetText ?? threat.target ?? (
          <Text size="sm" c="dimmed" span title={t('plan.threats.noTargetHint')}>
            {t('plan.threats.noTarget')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge
          miw="max-content"
          variant="outline"
          color={threat.class === 'short' ? 'blue' : 'grape'}
          title={t(threat.class === 'short' ? 'plan.threats.shortHint' : 'plan.threats.longHint')}
        >
          {t(threat.class === 'short' ? 'plan.threats.short' : 'plan.threats.long')}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}
