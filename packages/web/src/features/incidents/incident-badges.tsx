import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncidentSummary } from '../../hooks/use-incidents';

type Status = IncidentSummary['status'];
type Severity = IncidentSummary['severity'];

export const STATUS_COLOURS: Record<Status, string> = {
  open: 'red',
  acknowledged: 'orange',
  mitigating: 'yellow',
  resolved: 'green',
  closed: 'gray',
};
const SEVERITY_COLOURS: Record<Severity, string> = { critical: 'red', major: 'orange', minor: 'yellow' };

/** Where the incident stands: open, acknowledged, mitigating, resolved, closed. */
export function IncidentStatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="filled" miw="max-content" data-status={status}>
      {t(`incidents.status.${status}`)}
    </Badge>
  );
}

/** The severity of the incident, from its threat unless a person chose another. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLOURS[severity]} variant="light" miw="max-content">
      {t(`plan.threats.severity.${severity}`)}
    </Badge>
  );
}

/** Short (up to 6 h) or long interruption, from the expected duration. */
export function ClassBadge({ expectedMs }: { expectedMs: number | null }) {
  const { t } = useTranslation();
  const long = expectedMs !== null && expectedMs > 6 * 3_600_000;
  return (
    <Badge
      miw="max-content"
      variant="outline"
      color={long ? 'grape' : 'blue'}
      title={t(long ? 'plan.threats.longHint' : 'plan.threats.shortHint')}
    >
      {t(long ? 'plan.threats.long' : 'plan.threats.short')}
    </Badge>
  );
}
