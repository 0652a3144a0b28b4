import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLOURS: Record<string, string> = { pending: 'yellow', sent: 'green', failed: 'red', skipped: 'gray' };
const KNOWN = ['pending', 'sent', 'failed', 'skipped'] as const;

/** Whether a message went out: waiting, sent, failed, or not sent (example contact, no address). */
export function DeliveryStatusBadge({ status, title }: { status: string; title?: string | null | undefined }) {
  const { t } = useTranslation();
  const known = KNOWN.find((candidate) => candidate === status);
  return (
    <Badge
      size="sm"
      variant="light"
      color={COLOURS[status] ?? 'gray'}
      miw="max-content"
      title={title ?? undefined}
      data-delivery={status}
    >
      {known ? t(`room.delivery.${known}`) : status}
    </Badge>
  );
}
