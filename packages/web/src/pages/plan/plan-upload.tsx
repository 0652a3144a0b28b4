import { Alert, Button, FileInput, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { PlanErrorSchema } from '@vigie/contract';
import { ApiError } from '../../api/client';
import { canAdminister } from '../../auth/permissions';
import { useCurrentSession } from '../../auth/session-context';
import { useUploadPlan, useValidatePlan } from '../../hooks/use-plan';
import { QueryError } from '../../components/query-error';
import { notify } from '../../lib/notify';
import { PlanErrorList, type PlanError } from './plan-error-list';

type Outcome = { kind: 'valid' } | { kind: 'errors'; errors: PlanError[] } | null;

const RefusedPlanDetailsSchema = z.object({ errors: z.array(PlanErrorSchema) });

/** The plan errors carried by a refused load, if that is why it was refused. */
function planErrorsOf(error: unknown): PlanError[] | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const parsed = RefusedPlanDetailsSchema.safeParse(error.body.details);
  return parsed.success ? parsed.data.errors : null;
}

/** Check a plan file (chosen or pasted) and, for an administrator, load it as the new version. */
export function PlanUpload() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const [fileName, setFileName] = useState('plan.yaml');
  const [source, setSource] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const validate = useValidatePlan();
  const upload = useUploadPlan();
  const mayLoad = canAdminister(user);
  const upstreamError = [validate.error, upload.error].find((error) => error && !planErrorsOf(error));

  const edit = (next: string) => {
    setSource(next);
    setOutcome(null);
    validate.reset();
    upload.reset();
  };

  const readFile = async (file: File | null) => {
    if (!file) return;
    setFileName(file.name);
    edit(await file.text());
  };

  const check = () =>
    validate.mutate(
      { fileName, source },
      {
        onSuccess: (result) => setOutcome(result.valid ? { kind: 'valid' } : { kind: 'errors', errors: result.errors }),
      },
    );

  const load = () => {
    setOutcome(null);
    upload.mutate(
      { fileName, source },
      {
        onSuccess: ({ version, changed }) => {
          setOutcome(null);
          notify(changed ? t('plan.upload.loaded', { number: version.number }) : t('plan.upload.unchanged'), 'success');
        },
        onError: (error) => {
          const errors = planErrorsOf(error);
          if (errors) setOutcome({ kind: 'errors', errors });
        },
      },
    );
  };

  const empty = source.trim() === '';
  return (
    <Stack gap="md" maw={960}>
      <Title order={2} size="h4">
        {t('plan.upload.title')}
      </Title>
      <Text size="sm">{t('plan.upload.intro')}</Text>
      {!mayLoad && (
        <Alert color="blue" variant="light">
          {t('plan.upload.adminOnly')}
        </Alert>
      )}
      <Group grow align="flex-start">
        <FileInput
          label={t('plan.upload.file')}
          clearButtonProps={{ 'aria-label': t('plan.upload.clearFile') }}
          placeholder={t('plan.upload.filePlaceholder')}
          accept=".yaml,.yml,text/yaml"
          clearable
          onChange={(file) => void readFile(file)}
        />
        <TextInput
          label={t('plan.upload.fileName')}
          value={fileName}
          onChange={(event) => setFileName(event.currentTarget.value)}
        />
      </Group>
      <Textarea
        label={t('plan.upload.source')}
        value={source}
        onChange={(event) => edit(event.currentTarget.value)}
        autosize
        minRows={10}
        maxRows={24}
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
      />
      <Group>
        <Button variant="default" onClick={check} disabled={empty} loading={validate.isPending}>
          {t('plan.upload.validate')}
        </Button>
        {mayLoad && (
          <Button onClick={load} disabled={empty} loading={upload.isPending}>
            {t('plan.upload.load')}
          </Button>
        )}
      </Group>
      {empty && (
        <Text size="sm" c="dimmed">
          {t('plan.upload.emptySource')}
        </Text>
      )}
      {outcome?.kind === 'valid' && (
        <Alert color="green" role="status">
          {t('plan.upload.valid')}
        </Alert>
      )}
      {outcome?.kind === 'errors' && <PlanErrorList errors={outcome.errors} source={source} />}
      {upstreamError && <QueryError error={upstreamError} />}
    </Stack>
  );
}
