import { useActivePlan } from '../hooks/use-plan';
import { DEFAULT_TIME_ZONE } from './format';

/** The plan's time zone, in which every date is shown. */
export function useTimeZone(): string {
  return useActivePlan().data?.plan.timezone ?? DEFAULT_TIME_ZONE;
}
