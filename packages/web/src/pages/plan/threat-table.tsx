import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreatView } from '@vigie/contract';
import { canOperate } from '../../auth/permissions';
import { useCurrentSession } from '../../auth/session-context';
import { OpenIncidentModal } from '../../features/incidents/open-incident-modal';
import { useThreats } from '../../hooks/use-plan';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';

const SEVERITY_COLOURS = { critical: 'red', major: 'orange', minor: 'yellow' } as const;

/**
 * The threat catalogue as the plan writes it: type, causes, solution, resolution time,
 * class; those who handle incidents open one by hand from its threat's row.
 */
export function ThreatTable() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const threats = useThreats();
  const [opening, setOpening] = useState<string | null>(null);
  const canOpen = canOperate(user);
  if (threats.isPending) return <PageLoader />;
  if (threats.isError) return <QueryError error={threats.error} onRetry={() => void threats.refetch()} />;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('plan.threats.count', { count: threats.data.threats.length })}
      </Text>
      <Table.ScrollContainer minWidth={canOpen ? 880 : 760}>
        <Table striped verticalSpacing="sm" captionSide="top" data-testid="threat-table">
          <Table.Caption>{t('plan.threats.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plan.threats.type')}</Table.Th>
              <Table.Th>{t('plan.threats.causes')}</Table.Th>
              <Table.Th>{t('plan.threats.solution')}</Table.Th>
              <Table.Th>{t('plan.threats.target')}</Table.Th>
              <Table.Th>{t('plan.threats.class')}</Table.Th>
              {canOpen && <Table.Th>{t('plan.threats.incident')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {threats.data.threats.map((threat) => (
              <ThreatRow
                key={threat.id}
                threat={threat}
                onOpenIncident={canOpen ? () => setOpening(threat.id) : undefined}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {canOpen && (
        <OpenIncidentModal
          // A new form per threat chosen, so the threat is preselected.
          key={opening ?? 'none'}
          opened={opening !== null}
          threatId={opening ?? undefined}
          onClose={() => setOpening(null)}
        />
      )}
    </Stack>
  );
}

function ThreatRow({ threat, onOpenIncident }: { threat: ThreatView; onOpenIncident: (() => void) | undefined }) {
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
      {onOpenIncident && (
        <Table.Td>
          <Button
            size="compact-sm"
            variant="light"
            color="red"
            aria-label={t('plan.threats.openIncidentLabel', { threat: threat.title })}
            onClick={onOpenIncident}
          >
            {t('plan.threats.openIncident')}
          </Button>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
