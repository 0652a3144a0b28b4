import { createTheme } from '@mantine/core';

/** System fonts only: nothing is fetched from elsewhere. */
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  focusRing: 'auto',
  respectReducedMotion: true,
});
