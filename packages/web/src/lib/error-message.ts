import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from '../api/client';

/** What went wrong, in the interface language, with the server's own words as a detail. */
export function describeError(error: unknown, t: TFunction): { message: string; detail: string | null } {
  if (error instanceof NetworkError) return { message: t('errors.network'), detail: null };
  if (error instanceof ApiError) {
    const byStatus: Record<number, string> = {
      400: t('errors.invalid'),
      403: t('errors.forbidden'),
      409: t('errors.conflict'),
      412: t('errors.noPlan'),
    };
    return { message: byStatus[error.status] ?? t('errors.generic'), detail: error.body.message };
  }
  return { message: t('errors.generic'), detail: error instanceof Error ? error.message : null };
}
