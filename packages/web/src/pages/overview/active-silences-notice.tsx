import { Alert, Anchor, Code, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMatcher } from '@vigie/contract';
import { useSilences } from '../../hooks/use-silences';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';

/** Silences shown at most, the one ending soonest first; the checks page lists them all. */
const SHOWN = 3;

/**
 * A silence under way, said where everyone looks first: a silence forgotten after the work it
 * was made for would keep real failures from opening incidents.
 */
export function ActiveSilencesNotice({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const silences = useSilences(enabled);
  const active = (silences.data ?? []).filter((silence) => silence.state === 'active');
  if (!enabled || active.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      data-testid="active-silences"
      title={t('overview.silences.title', { count: active.length })}
    >
      <Text size="sm">{t('overview.silences.text', { count: active.length })}</Text>
      {active.slice(0, SHOWN).map((silence) => (
        <Group key={silence.id} gap={6} mt={6} wrap="wrap">
          {silence.matchers.map((matcher) => (
            <Code key={formatMatcher(matcher)}>{formatMatcher(matcher)}</Code>
          ))}
          <Text size="sm" c="dimmed">
            {t('overview.silences.until', { time: formatDateTime(silence.endsAt, language, timeZone) })} —{' '}
            {silence.comment}
          </Text>
        </Group>
      ))}
      <Anchor component={Link} to="/checks" size="sm" mt={6} display="inline-block">
        {t('overview.silences.link', { count: active.length })}
      </Anchor>
    </Alert>
  );
}
