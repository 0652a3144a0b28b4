import { Badge, Button, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompleteDuty } from '../../hooks/use-crisis-cell';
import { useActivePlan } from '../../hooks/use-plan';
import type { Duty, IncidentSummary } from '../../hooks/use-incidents';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useServerNow } from '../../lib/use-server-now';
import { useTimeZone } from '../../lib/use-time-zone';
import { CommandModal } from './command-modal';

const DUTY_KINDS = [
  'conference-call',
  'crisis-cell',
  'sitrep',
  'action-plan',
  'rex',
  'notify',
  'update',
  'failover',
  'deployment-plan',
  'detailed-report',
] as const;
const STATUS_COLOURS: Record<string, string> = {
  pending: 'gray',
  active: 'blue',
  proposed: 'orange',
  done: 'green',
  cancelled: 'gray',
};
const STATUSES = ['pending', 'active', 'proposed', 'done', 'cancelled'] as const;

/** Duties a person completes; the others (cadences, messages sent) the plan carries out itself. */
const COMPLETED_BY_HAND = new Set(['report', 'rex', 'detailed-report', 'failover', 'action-plan']);
/** The duties whose completion carries a text: a detailed report is sent with it. */
const TEXT_REQUIRED = new Set(['detailed-report']);

/** The plan's duties on this incident: report to sign, REX, detailed report, proposed failover… */
export function DutiesPanel({
  incident,
  receivedAt,
  duties,
  canWrite,
}: {
  incident: IncidentSummary;
  receivedAt: number;
  duties: Duty[];
  canWrite: boolean;
}) {
  const incidentId = incident.id;
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const now = useServerNow(incident, receivedAt);
  const complete = useCompleteDuty(incidentId);
  const sites = useActivePlan().data?.plan.sites ?? [];
  const siteName = (id: string) => sites.find((site) => site.id === id)?.name ?? id;
  const [completing, setCompleting] = useState<Duty | null>(null);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);

  const kindLabel = (kind: string) => {
    if (kind === 'report') return t('room.duties.report');
    const known = DUTY_KINDS.find((candidate) => candidate === kind);
    return known ? t(`plan.escalation.kinds.${known}`) : kind;
  };
  const statusLabel = (status: string) => {
    const known = STATUSES.find((candidate) => candidate === status);
    return known ? t(`room.duties.statuses.${known}`) : status;
  };
  const open = (duty: Duty) => {
    complete.reset();
    setText('');
    setInvalid(null);
    setCompleting(duty);
  };
  const submit = () => {
    if (!completing) return;
    if (TEXT_REQUIRED.has(completing.kind) && !text.trim()) return setInvalid(t('room.duties.textRequired'));
    complete.mutate(
      { dutyId: completing.dutyId, text: text.trim() || undefined },
      {
        onSuccess: () => {
          notify(t('room.duties.completed', { title: completing.title }), 'success');
          setCompleting(null);
        },
      },
    );
  };

  if (duties.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('room.duties.empty')}
      </Text>
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped verticalSpacing="xs" data-testid="duties-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('room.duties.duty')}</Table.Th>
              <Table.Th>{t('room.duties.kind')}</Table.Th>
              <Table.Th>{t('room.duties.status')}</Table.Th>
              <Table.Th>{t('room.duties.dueAt')}</Table.Th>
              <Table.Th>{t('room.duties.doneAt')}</Table.Th>
              {canWrite && <Table.Th>{t('room.duties.action')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {duties.map((duty) => {
              const late = duty.dueAt !== null && duty.dueAt < now && duty.status === 'active';
              const signatories = Array.isArray(duty.data['signatories'])
                ? (duty.data['signatories'] as { party?: unknown }[])
                    .map((s) => (typeof s.party === 'string' ? s.party : ''))
                    .join(', ')
                : null;
              const doneText = typeof duty.data['text'] === 'string' ? duty.data['text'] : null;
              const open_ = duty.status !== 'done' && duty.status !== 'cancelled';
              return (
                <Table.Tr key={duty.dutyId} data-duty={duty.kind}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {duty.title}
                    </Text>
                    {signatories && (
                      <Text size="xs" c="dimmed">
                        {t('room.duties.signatories', { list: signatories })}
                      </Text>
                    )}
                    {typeof duty.data['site'] === 'string' && (
                      <Text size="xs" c="dimmed">
                        {t('room.duties.site', { site: siteName(duty.data['site']) })}
                      </Text>
                    )}
                    {doneText && (
                      <Text size="xs" c="dimmed" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
                        {doneText}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{kindLabel(duty.kind)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOURS[duty.status] ?? 'gray'} variant="light" miw="max-content">
                      {statusLabel(duty.status)}
                    </Badge>
                    {late && (
                      <Badge color="red" variant="outline" ml={4} miw="max-content">
                        {t('room.timeline.overdue')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {duty.dueAt !== null ? formatDateTime(duty.dueAt, language, timeZone) : t('common.none')}
                  </Table.Td>
                  <Table.Td>
                    {duty.doneAt !== null ? formatDateTime(duty.doneAt, language, timeZone) : t('common.none')}
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      {open_ && COMPLETED_BY_HAND.has(duty.kind) && (
                        <Button
                          size="compact-sm"
                          variant={duty.kind === 'failover' ? 'filled' : 'light'}
                          color={duty.kind === 'failover' ? 'orange' : undefined}
                          aria-label={t('room.duties.completeLabel', { title: duty.title })}
                          onClick={() => open(duty)}
                        >
                          {duty.kind === 'failover' ? t('room.duties.approve') : t('room.duties.complete')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <CommandModal
        opened={completing !== null}
        title={t('room.duties.completeTitle', { title: completing?.title ?? '' })}
        text={completing?.kind === 'failover' ? t('room.duties.failoverText') : t('room.duties.completeText')}
        submitLabel={completing?.kind === 'failover' ? t('room.duties.approve') : t('room.duties.complete')}
        danger={completing?.kind === 'failover'}
        pending={complete.isPending}
        error={complete.error}
        onClose={() => setCompleting(null)}
        onSubmit={submit}
      >
        <Textarea
          label={completing && TEXT_REQUIRED.has(completing.kind) ? t('room.duties.reportText') : t('room.duties.note')}
          required={completing ? TEXT_REQUIRED.has(completing.kind) : false}
          autosize
          minRows={completing && TEXT_REQUIRED.has(completing.kind) ? 6 : 2}
          data-autofocus
          value={text}
          error={invalid}
          onChange={(event) => setText(event.currentTarget.value)}
        />
      </CommandModal>
    </>
  );
}
