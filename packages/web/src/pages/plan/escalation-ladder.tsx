import { Badge, Card, Group, List, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ServedAction, ServedPlan } from '../../api/served-plan';
import { useLanguage } from '../../i18n/use-language';
import { formatDurationForHumans } from '../../lib/format';
import { recipientList } from './recipients';

/** The escalation ladder: each step's threshold, the plan's words, and its duties. */
export function EscalationLadder({ plan }: { plan: ServedPlan }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (plan.escalation.length === 0) return <Text c="dimmed">{t('plan.escalation.empty')}</Text>;
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {t('plan.escalation.intro')}
      </Text>
      <Timeline active={plan.escalation.length} bulletSize={22} lineWidth={2}>
        {plan.escalation.map((step) => (
          <Timeline.Item
            key={step.id}
            title={
              <Group gap="sm">
                <Title order={2} size="h4">
                  {step.title}
                </Title>
                <Badge variant="light">
                  {t('plan.escalation.threshold', { duration: formatDurationForHumans(step.after, language) })}
                </Badge>
              </Group>
            }
          >
            <Stack gap="xs" mt="xs" maw={900}>
              {step.text && <Text size="sm">{step.text}</Text>}
              <Text size="sm" fw={600}>
                {t('plan.escalation.duties')}
              </Text>
              <List spacing="xs" size="sm">
                {step.actions.map((action, index) => (
                  <List.Item key={action.id ?? `${action.do}-${index}`}>
                    <DutyLine action={action} plan={plan} />
                  </List.Item>
                ))}
              </List>
            </Stack>
          </Timeline.Item>
        ))}
      </Timeline>
      {plan.closure && <ClosureCard plan={plan} />}
    </Stack>
  );
}

function DutyLine({ action, plan }: { action: ServedAction; plan: ServedPlan }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const duration = (ms: number) => formatDurationForHumans(ms, language);
  const details = [
    action.every !== undefined && t('plan.escalation.every', { duration: duration(action.every) }),
    action.due !== undefined && t('plan.escalation.due', { duration: duration(action.due) }),
    action.within !== undefined && t('plan.escalation.within', { duration: duration(action.within) }),
    action.to && t('plan.escalation.to', { list: recipientList(action.to, plan, t) }),
    action.with && t('plan.escalation.with', { list: recipientList(action.with, plan, t) }),
    action.site &&
      t('plan.escalation.site', { site: plan.sites.find((s) => s.id === action.site)?.name ?? action.site }),
  ].filter((detail): detail is string => typeof detail === 'string');
  return (
    <div>
      <Text size="sm" span fw={500}>
        {action.title ?? t(`plan.escalation.kinds.${action.do}`)}
      </Text>{' '}
      <Badge size="xs" variant="outline" color="gray">
        {t(`plan.escalation.kinds.${action.do}`)}
      </Badge>
      {details.length > 0 && (
        <Text size="xs" c="dimmed">
          {details.join(' · ')}
        </Text>
      )}
    </div>
  );
}

function ClosureCard({ plan }: { plan: ServedPlan }) {
  const { t } = useTranslation();
  if (!plan.closure) return null;
  const signatories = plan.closure.report.signatories.map((s) => s.party).join(', ');
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="closure-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="closure-title">
          {t('plan.escalation.closure')}
        </Title>
        {plan.closure.text && <Text size="sm">{plan.closure.text}</Text>}
        <Text size="sm" c="dimmed">
          {t('plan.escalation.signatories', { list: signatories })}
        </Text>
      </Stack>
    </Card>
  );
}
