import { Alert, Title, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// The incidents list plugs in here: a `useOpenIncidents()` hook over
// `GET /api/v1/incidents?state=open` (scoped to the client for client users), each row
// linking to `/incidents/:id`, the incident room.

/** The incidents open now, at the top of the overview. */
export function OpenIncidentsPanel() {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="open-incidents-title">
      <Title order={2} size="h4" id="open-incidents-title">
        {t('overview.incidentsTitle')}
      </Title>
      <Alert color="gray" variant="light" data-incidents="not-wired">
        {t('overview.incidentsNotWired')}
      </Alert>
    </Stack>
  );
}
