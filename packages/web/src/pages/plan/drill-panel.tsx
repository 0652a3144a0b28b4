import { Alert, Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { DrillEntrySchema, TimelineEntrySchema } from '@vigie/contract';
import { useDrill } from '../../hooks/use-drill';
import { useThreats } from '../../hooks/use-plan';
import { useLanguage } from '../../i18n/use-language';
import { formatDurationForHumans } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';
import { describeEntry } from '../incident-room/timeline-text';
import type { ServedPlan } from '../../api/served-plan';

type DrillEntry = z.infer<typeof DrillEntrySchema>;
type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

const KIND_COLOURS: Record<string, string> = {
  step: 'red',
  duty: 'orange',
  'crisis-cell': 'orange',
  notification: 'blue',
  status: 'gray',
};

/**
 * `vigie drill` in the page: a threat played through the real engine in simulated time, to
 * check the plan before a real crisis — every step, duty and message with its offset.
 */
export function DrillPanel({ plan }: { plan: ServedPlan }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const threats = useThreats();
  const drill = useDrill();
  const [threatId, setThreatId] = useState<string | null>('patch-hermes');
  const [lasts, setLasts] = useState('7h');
  const [eta, setEta] = useState('');
  const [silentCell, setSilentCell] = useState(false);
  const stepTitles = new Map(plan.escalation.map((step) => [step.id, step.title]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!threatId) return;
    drill.mutate({ threatId, lasts: lasts.trim(), ...(eta.trim() && { eta: eta.trim() }), silentCell });
  };
  const asTimeline = (entry: DrillEntry, index: number): TimelineEntry => ({
    id: String(index),
    seq: index,
    at: entry.offsetMs,
    kind: entry.kind,
    actor: 'exercice',
    ref: entry.id,
    summary: entry.summary,
    data: entry.data,
  });

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('plan.drill.intro')}
      </Text>
      <form onSubmit={submit}>
        <Group align="end" wrap="wrap">
          <Select
            label={t('plan.drill.threat')}
            data={(threats.data?.threats ?? []).map((threat) => ({ value: threat.id, label: threat.title }))}
            value={threatId}
            onChange={setThreatId}
            allowDeselect={false}
            w={320}
          />
          <TextInput
            label={t('plan.drill.lasts')}
            description={t('plan.drill.durationHint')}
            value={lasts}
            onChange={(e) => setLasts(e.currentTarget.value)}
            w={140}
            required
          />
          <TextInput
            label={t('plan.drill.eta')}
            description={t('plan.drill.etaHint')}
            value={eta}
            onChange={(e) => setEta(e.currentTarget.value)}
            w={160}
          />
          <Checkbox
            label={t('plan.drill.silentCell')}
            checked={silentCell}
            onChange={(e) => setSilentCell(e.currentTarget.checked)}
            mb={8}
          />
          <Button type="submit" loading={drill.isPending} disabled={!threatId}>
            {t('plan.drill.run')}
          </Button>
        </Group>
      </form>
      {drill.isError && (
        <Alert color="red" title={t('plan.drill.failed')}>
          {drill.error.message}
        </Alert>
      )}
      {drill.data && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs" captionSide="top" data-testid="drill-timeline">
            <Table.Caption>
              {t('plan.drill.caption', {
                count: drill.data.timeline.length,
                lasts: formatDurationForHumans(drill.data.lastsMs, language),
              })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plan.drill.offset')}</Table.Th>
                <Table.Th>{t('plan.drill.kind')}</Table.Th>
                <Table.Th>{t('plan.drill.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {drill.data.timeline.map((entry, index) => (
                <Table.Tr key={index}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    +{formatDurationForHumans(entry.offsetMs, language)}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={KIND_COLOURS[entry.kind] ?? 'gray'} variant="light">
                      {t(`plan.drill.kinds.${entry.kind}`, { defaultValue: entry.kind })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{describeEntry(asTimeline(entry, index), t, language, timeZone, stepTitles)}</Text>
                    {entry.kind === 'notification' && (
                      <Text size="xs" c="dimmed">
                        {entry.channel} → {entry.name} &lt;{entry.to}&gt;
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
