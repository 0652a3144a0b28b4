/** Exit statuses of `vigie-agent archive`, documented in its help and the README. */
export const ARCHIVE_EXIT = {
  /** Every selected recording is archived (conflicts are resolved by keeping both files). */
  ok: 0,
  /** Some recordings were left in the source folder (listed); rerun once the cause is fixed. */
  leftBehind: 1,
  /** A malformed command line. */
  usage: 2,
  /** The run could not start or stopped: source, destination or index unusable, or another run holds the index. Nothing is lost. */
  unavailable: 3,
  /** Stopped by Ctrl-C or SIGTERM after finishing the recordings in flight. */
  interrupted: 130,
} as const;

/** The exit statuses as the help prints them. */
export const EXIT_HELP = [
  'Exit status:',
  '  0    every selected recording is archived (name conflicts keep both files)',
  '  1    some recordings were left in the source folder (listed with the reason)',
  '  2    malformed command line',
  '  3    could not start or had to stop (source, destination or index unusable,',
  '       or another run holds the index); nothing is lost, rerun to finish',
  '  130  interrupted (Ctrl-C, SIGTERM) after the recordings in flight were finished',
].join('\n');
