import { Box, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CheckResultStatus } from '@vigie/contract';
import { STATE_COLOURS } from '../../features/live-status/check-state-badge';
import { useLanguage } from '../../i18n/use-language';
import { formatLatency, formatTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';

interface StripResult {
  at: number;
  status: CheckResultStatus;
  latencyMs: number;
  message: string;
}

/** Bars in the strip: the latest results, one each. */
const BARS = 60;
const CHART_WIDTH = 600;
const CHART_HEIGHT = 60;

/**
 * The latest results as a row of bars, one per run (a failed run stands out at a glance),
 * over the latency of each as a line when the check is timed (not a heartbeat's or an agent's).
 */
export function ResultStrip({ results, timed }: { results: readonly StripResult[]; timed: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const shown = results.slice(-BARS);
  const slowest = Math.max(...shown.map((r) => r.latencyMs), 1);
  const step = shown.length > 1 ? CHART_WIDTH / (shown.length - 1) : 0;
  const points = shown
    .map(
      (r, i) =>
        `${(i * step).toFixed(1)},${(CHART_HEIGHT - (r.latencyMs / slowest) * (CHART_HEIGHT - 4) - 2).toFixed(1)}`,
    )
    .join(' ');
  return (
    <Box data-testid="result-strip">
      <Group gap={2} wrap="nowrap" aria-label={t('checks.stripLabel', { count: shown.length })} role="img">
        {shown.map((r) => (
          <Box
            key={r.at}
            data-status={r.status}
            title={[formatTime(r.at, language, timeZone), timed && formatLatency(r.latencyMs, language), r.message]
              .filter(Boolean)
              .join(' — ')}
            style={{
              flex: 1,
              height: 28,
              borderRadius: 3,
              background: `var(--mantine-color-${STATE_COLOURS[r.status]}-6)`,
              minWidth: 3,
            }}
          />
        ))}
      </Group>
      {timed && (
        <svg
          viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
          width="100%"
          height={CHART_HEIGHT}
          preserveAspectRatio="none"
          role="img"
          aria-label={t('checks.latencyChart', { slowest: formatLatency(slowest, language) })}
        >
          <polyline
            points={points}
            fill="none"
            stroke="var(--mantine-color-blue-6)"
            strokeWidth={2}
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      )}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {shown[0] && formatTime(shown[0].at, language, timeZone)}
        </Text>
        {timed && (
          <Text size="xs" c="dimmed">
            {t('checks.slowest', { latency: formatLatency(slowest, language) })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {shown.at(-1) && formatTime(shown.at(-1)!.at, language, timeZone)}
        </Text>
      </Group>
    </Box>
  );
}
