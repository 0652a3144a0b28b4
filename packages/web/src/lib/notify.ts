import { notifications } from '@mantine/notifications';
import i18next from 'i18next';

/** A short message in the corner of the screen, with a labelled close button. */
export function notify(message: string, tone: 'success' | 'info' = 'info'): void {
  notifications.show({
    message,
    color: tone === 'success' ? 'green' : 'blue',
    closeButtonProps: { 'aria-label': i18next.t('common.close') },
  });
}
