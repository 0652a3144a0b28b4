import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useOnCall } from '../../hooks/use-on-call';
import { usePageTitle } from '../../lib/use-page-title';
import { NoOnCallSchedule } from './no-on-call-schedule';
import { OnCallCard } from './on-call-card';

/** The plan's on-call schedules (astreintes): who is on call now and next, and the replacements. */
export function OnCallPage() {
  const { t } = useTranslation();
  const onCall = useOnCall();
  usePageTitle(t('onCall.title'));
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('onCall.title')}
        </Title>
        <Text c="dimmed" size="sm" maw={860}>
          {t('onCall.intro')}
        </Text>
      </div>
      {onCall.isPending && <PageLoader />}
      {onCall.isError && <QueryError error={onCall.error} onRetry={() => void onCall.refetch()} />}
      {onCall.data &&
        (onCall.data.schedules.length === 0 ? (
          <NoOnCallSchedule />
        ) : (
          onCall.data.schedules.map((schedule) => (
            <OnCallCard key={schedule.id} schedule={schedule} until={onCall.data.until} />
          ))
        ))}
    </Stack>
  );
}
