import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { usePostSitrep } from '../../hooks/use-crisis-cell';
import type { Sitrep } from '../../hooks/use-incidents';
import { notify } from '../../lib/notify';
import { QueryError } from '../../components/query-error';

/**
 * The SITREP template of the plan: situation, actions under way, next steps, needs.
 * Posting sends it at once to the plan's recipients, the client's IT among them.
 */
export function SitrepForm({
  incidentId,
  enabled,
  previous,
}: {
  incidentId: string;
  enabled: boolean;
  previous: Sitrep | undefined;
}) {
  const { t } = useTranslation();
  const post = usePostSitrep(incidentId);
  const form = useForm({
    initialValues: { situation: '', actions: '', nextSteps: '', needs: '' },
    validate: {
      situation: (value) => (value.trim() ? null : t('signIn.required')),
      actions: (value) => (value.trim() ? null : t('signIn.required')),
      nextSteps: (value) => (value.trim() ? null : t('signIn.required')),
    },
  });
  const submit = form.onSubmit((values) =>
    post.mutate(
      {
        situation: values.situation.trim(),
        actions: values.actions.trim(),
        nextSteps: values.nextSteps.trim(),
        ...(values.needs.trim() && { needs: values.needs.trim() }),
      },
      {
        onSuccess: () => {
          notify(t('room.sitrep.posted'), 'success');
          form.reset();
        },
      },
    ),
  );

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="sitrep-form-title">
      <form noValidate onSubmit={submit}>
        <Stack gap="sm">
          <Group justify="space-between" align="baseline">
            <Title order={2} size="h4" id="sitrep-form-title">
              {t('room.sitrep.title')}
            </Title>
            {previous && enabled && (
              <Button
                variant="subtle"
                size="xs"
                onClick={() =>
                  form.setValues({
                    situation: previous.situation,
                    actions: previous.actions,
                    nextSteps: previous.nextSteps,
                    needs: previous.needs ?? '',
                  })
                }
              >
                {t('room.sitrep.copyPrevious')}
              </Button>
            )}
          </Group>
          {!enabled && (
            <Alert color="gray" variant="light">
              {t('room.sitrep.notYet')}
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {t('room.sitrep.intro')}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <Textarea
              label={t('room.sitrep.situation')}
              description={t('room.sitrep.situationHint')}
              required
              autosize
              minRows={3}
              disabled={!enabled}
              {...form.getInputProps('situation')}
            />
            <Textarea
              label={t('room.sitrep.actions')}
              description={t('room.sitrep.actionsHint')}
              required
              autosize
              minRows={3}
              disabled={!enabled}
              {...form.getInputProps('actions')}
            />
            <Textarea
              label={t('room.sitrep.nextSteps')}
              description={t('room.sitrep.nextStepsHint')}
              required
              autosize
              minRows={3}
              disabled={!enabled}
              {...form.getInputProps('nextSteps')}
            />
            <Textarea
              label={t('room.sitrep.needs')}
              description={t('room.sitrep.needsHint')}
              autosize
              minRows={3}
              disabled={!enabled}
              {...form.getInputProps('needs')}
            />
          </SimpleGrid>
          {post.isError && <QueryError error={post.error} />}
          <Group justify="flex-end">
            <Button type="submit" color="violet" disabled={!enabled} loading={post.isPending}>
              {t('room.sitrep.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
