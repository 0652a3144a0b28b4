import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CheckStateName } from '@vigie/contract';

/** The colour of each state, everywhere a check's or an asset's state is shown. */
export const STATE_COLOURS: Record<CheckStateName, string> = {
  unknown: 'gray',
  up: 'green',
  degraded: 'yellow',
  flapping: 'orange',
  down: 'red',
};

/** A check's state, in words and colour. */
export function CheckStateBadge({ state }: { state: CheckStateName }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATE_COLOURS[state]} miw="max-content" data-state={state}>
      {t(`overview.checkStates.${state}`)}
    </Badge>
  );
}
