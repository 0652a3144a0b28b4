import { Alert, Box, Stack, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { PlanErrorSchema } from '@vigie/contract';
import classes from './plan-error-list.module.css';

export type PlanError = z.infer<typeof PlanErrorSchema>;

const CONTEXT_LINES = 2;

/** Each error of a plan file at its line: the message, and the lines around it with a caret. */
export function PlanErrorList({ errors, source }: { errors: PlanError[]; source: string }) {
  const { t } = useTranslation();
  const lines = source.split(/\r?\n/);
  return (
    <Alert
      color="red"
      title={t('plan.upload.errors', { count: errors.length })}
      role="alert"
      // Below a long text area the errors would be out of sight: bring them into view.
      ref={(node) => node?.scrollIntoView({ block: 'nearest' })}
    >
      <Stack gap="md">
        {errors.map((error, index) => (
          <Stack gap={4} key={`${error.line}:${error.column}:${index}`} data-error-line={error.line}>
            <Text size="sm" fw={600}>
              {t('plan.upload.errorAt', { line: error.line, column: error.column })}
            </Text>
            <Text size="sm">{error.message}</Text>
            <Excerpt lines={lines} line={error.line} column={error.column} />
          </Stack>
        ))}
      </Stack>
    </Alert>
  );
}

function Excerpt({ lines, line, column }: { lines: string[]; line: number; column: number }) {
  const { t } = useTranslation();
  const first = Math.max(1, line - CONTEXT_LINES);
  const last = Math.min(lines.length, line + CONTEXT_LINES);
  if (line < 1 || first > last) return null;
  const numbers = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const width = String(last).length;
  return (
    <Box component="pre" className={classes.excerpt} aria-label={t('plan.upload.excerpt', { line })}>
      {numbers.map((n) => (
        <Fragment key={n}>
          <span className={n === line ? classes.errorLine : classes.line}>
            <span className={classes.number}>{String(n).padStart(width)}</span>
            {lines[n - 1]}
          </span>
          {n === line && (
            <span className={`${classes.line} ${classes.caret}`} aria-hidden="true">
              <span className={classes.number}>{' '.repeat(width)}</span>
              {' '.repeat(Math.max(0, column - 1))}^
            </span>
          )}
        </Fragment>
      ))}
    </Box>
  );
}
