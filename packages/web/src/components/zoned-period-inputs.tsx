import { Group, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { fromZonedInputValue } from '../lib/format';

/**
 * The rules of a period typed as two date-times in the plan's time zone: each a date and a
 * time, the end after the start.
 */
export function zonedPeriodRules(timeZone: string, messages: { invalid: string; toAfterFrom: string }) {
  return {
    from: (value: string) => (fromZonedInputValue(value, timeZone) === null ? messages.invalid : null),
    to: (value: string, values: { from: string }) => {
      const to = fromZonedInputValue(value, timeZone);
      const from = fromZonedInputValue(values.from, timeZone);
      if (to === null) return messages.invalid;
      return from !== null && to <= from ? messages.toAfterFrom : null;
    },
  };
}

/** A start and an end, side by side, read in the plan's time zone (the labels say which). */
export function ZonedPeriodInputs(props: {
  fromLabel: string;
  toLabel: string;
  from: GetInputPropsReturnType;
  to: GetInputPropsReturnType;
}) {
  return (
    <Group grow align="flex-start">
      <TextInput type="datetime-local" label={props.fromLabel} required {...props.from} />
      <TextInput type="datetime-local" label={props.toLabel} required {...props.to} />
    </Group>
  );
}
