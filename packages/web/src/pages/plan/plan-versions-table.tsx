import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePlanVersions } from '../../hooks/use-plan';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';

/** Every version of the plan ever loaded, the one in force marked. */
export function PlanVersionsTable() {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const versions = usePlanVersions();
  if (versions.isPending) return <PageLoader />;
  if (versions.isError) return <QueryError error={versions.error} onRetry={() => void versions.refetch()} />;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs" captionSide="top" data-testid="plan-versions">
        <Table.Caption>{t('plan.versions.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('plan.versions.number')}</Table.Th>
            <Table.Th>{t('plan.versions.file')}</Table.Th>
            <Table.Th>{t('plan.versions.loadedBy')}</Table.Th>
            <Table.Th>{t('plan.versions.loadedAt')}</Table.Th>
            <Table.Th>{t('plan.versions.status')}</Table.Th>
            <Table.Th>{t('plan.versions.source')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.data.map((version) => (
            <Table.Tr key={version.id}>
              <Table.Td>{version.number}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {version.fileName}
                </Text>
              </Table.Td>
              <Table.Td>{version.loadedBy}</Table.Td>
              <Table.Td>{formatDateTime(version.loadedAt, language, timeZone)}</Table.Td>
              <Table.Td>
                {version.active ? (
                  <Badge color="green">{t('plan.versions.active')}</Badge>
                ) : (
                  <Badge color="gray" variant="light">
                    {t('plan.versions.inactive')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Anchor
                  href={`/api/v1/plan/versions/${encodeURIComponent(version.id)}/source`}
                  target="_blank"
                  rel="noopener"
                  aria-label={t('plan.versions.viewSource', { number: version.number })}
                >
                  YAML
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
