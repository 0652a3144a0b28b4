import { Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { formatMatchers, matcherOf, MatcherSyntaxError, parseMatchers, type FiringAlert } from '@vigie/contract';
import { useDebouncedValue } from '@mantine/hooks';
import { FIRING_SHOWN, useCreateSilence, useFiringAlerts } from '../../hooks/use-silences';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime, fromZonedInputValue, toZonedInputValue } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTimeZone } from '../../lib/use-time-zone';
import { CommandModal } from '../incident-room/command-modal';

const HOUR = 3_600_000;

/** The lengths a silence is usually asked for, then a chosen end. */
const DURATIONS = { '1h': HOUR, '2h': 2 * HOUR, '4h': 4 * HOUR, '1d': 24 * HOUR, '1w': 7 * 24 * HOUR } as const;
type Duration = keyof typeof DURATIONS | 'until';
const DURATION_CHOICES = [...(Object.keys(DURATIONS) as (keyof typeof DURATIONS)[]), 'until'] as const;

function isDuration(value: string | null): value is Duration {
  return DURATION_CHOICES.includes(value as Duration);
}

/** What the matchers field says is wrong with its text, or null when it reads. */
function matcherError(text: string): string | null {
  try {
    parseMatchers(text);
    return null;
  } catch (error) {
    if (error instanceof MatcherSyntaxError) return error.message;
    throw error;
  }
}

/**
 * Asks for a new silence: matchers written as in Prometheus (read here, so a typo shows
 * under the field), how long, and why. The server's refusals show in the dialog.
 */
export function SilenceFormModal({
  openedAt,
  initialMatchers = '',
  initialComment = '',
  onClose,
}: {
  /** When the dialog was opened: the end it announces for a duration counts from then. */
  openedAt: number;
  initialMatchers?: string;
  /** An expired silence's reason, when it is made again. */
  initialComment?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const create = useCreateSilence();
  const form = useForm({
    initialValues: {
      matchers: initialMatchers,
      duration: '2h' as Duration,
      endsAt: toZonedInputValue(openedAt + 2 * HOUR, timeZone),
      comment: initialComment,
    },
    validateInputOnBlur: ['matchers'],
    validate: {
      matchers: (value) => {
        if (!value.trim()) return t('signIn.required');
        const error = matcherError(value);
        return error === null ? null : t('checks.silences.form.syntax', { message: error });
      },
      endsAt: (value, values) => {
        if (values.duration !== 'until') return null;
        const at = fromZonedInputValue(value, timeZone);
        if (at === null) return t('room.dateInvalid');
        return at <= Date.now() ? t('checks.silences.form.endsInFuture') : null;
      },
      comment: (value) => (value.trim() ? null : t('signIn.required')),
    },
  });
  const { duration } = form.values;
  // Which alerts firing now the matchers meet, once the text has rested and reads.
  const [restingMatchers] = useDebouncedValue(form.values.matchers.trim(), 400);
  const firing = useFiringAlerts(restingMatchers && matcherError(restingMatchers) === null ? restingMatchers : null);
  const close = () => {
    create.reset();
    onClose();
  };
  const submit = () => {
    if (form.validate().hasErrors) return;
    const values = form.getValues();
    const endsAt =
      values.duration === 'until'
        ? fromZonedInputValue(values.endsAt, timeZone)!
        : Date.now() + DURATIONS[values.duration];
    create.mutate(
      { matchers: parseMatchers(values.matchers), endsAt, comment: values.comment.trim() },
      {
        onSuccess: (silence) => {
          notify(
            t('checks.silences.form.created', { time: formatDateTime(silence.endsAt, language, timeZone) }),
            'success',
          );
          close();
        },
      },
    );
  };
  return (
    <CommandModal
      opened
      title={t('checks.silences.new')}
      text={t('checks.silences.form.intro')}
      submitLabel={t('checks.silences.form.submit')}
      pending={create.isPending}
      error={create.error}
      onClose={close}
      onSubmit={submit}
    >
      <TextInput
        label={t('checks.silences.form.matchers')}
        description={t('checks.silences.form.matchersHint')}
        placeholder='alertname="HmpDiskFull", instance=~"hmp.*"'
        required
        data-autofocus
        autoComplete="off"
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        {...form.getInputProps('matchers')}
      />
      {firing.data && <FiringPreview alerts={firing.data} />}
      <Select
        label={t('checks.silences.form.duration')}
        allowDeselect={false}
        data={DURATION_CHOICES.map((choice) => ({
          value: choice,
          label: t(`checks.silences.form.durations.${choice}`),
        }))}
        description={
          duration === 'until'
            ? undefined
            : t('checks.silences.form.endsAtHint', {
                time: formatDateTime(openedAt + DURATIONS[duration], language, timeZone),
              })
        }
        {...form.getInputProps('duration')}
        onChange={(value: string | null) => {
          if (isDuration(value)) form.setFieldValue('duration', value);
        }}
      />
      {duration === 'until' && (
        <TextInput
          type="datetime-local"
          label={t('checks.silences.form.endsAt', { zone: timeZone })}
          required
          {...form.getInputProps('endsAt')}
        />
      )}
      <Textarea
        label={t('checks.silences.form.comment')}
        description={t('checks.silences.form.commentHint')}
        required
        autosize
        minRows={2}
        {...form.getInputProps('comment')}
      />
    </CommandModal>
  );
}

/** The alerts firing now that the silence would mute from their next sending. */
function FiringPreview({ alerts }: { alerts: readonly FiringAlert[] }) {
  const { t } = useTranslation();
  if (alerts.length === 0) {
    return (
      <Text size="xs" c="dimmed" data-testid="silence-firing">
        {t('checks.silences.form.firingNone')}
      </Text>
    );
  }
  const shown = alerts.slice(0, FIRING_SHOWN);
  return (
    <Stack gap={4} data-testid="silence-firing">
      <Text size="xs">
        {alerts.length > FIRING_SHOWN
          ? t('checks.silences.form.firingMore', { count: FIRING_SHOWN })
          : t('checks.silences.form.firing', { count: alerts.length })}
      </Text>
      {shown.map((alert) => (
        <Text key={alert.fingerprint} size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {formatMatchers(Object.entries(alert.labels).map(([name, value]) => matcherOf(name, '=', value)))}
        </Text>
      ))}
    </Stack>
  );
}
