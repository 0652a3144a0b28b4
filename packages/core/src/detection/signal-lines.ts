/** Signals told one by one on an incident's timeline; more share one line. */
export const SIGNALS_TOLD_ONE_BY_ONE = 10;

/** Messages quoted on the line that stands for many. */
const MESSAGES_QUOTED = 3;

/** Sources kept in the data of the line that stands for many. */
const SOURCES_KEPT = 50;

export interface SignalLine {
  summary: string;
  data: Record<string, unknown>;
}

export interface SignalEvent {
  source: string;
  message: string;
  /** The line that tells this signal alone. */
  line: SignalLine;
}

/**
 * The timeline lines for signals that reached an incident together: a few, each on its own
 * line; more, one line that counts them and quotes the first (`many` words it), so that a
 * storm of alerts leaves a timeline one can read.
 */
export function signalLines(
  events: readonly SignalEvent[],
  many: (count: number, quoted: string) => string,
): SignalLine[] {
  if (events.length <= SIGNALS_TOLD_ONE_BY_ONE) return events.map((event) => event.line);
  const quoted = events
    .slice(0, MESSAGES_QUOTED)
    .map((event) => event.message)
    .join('; ');
  return [
    {
      summary: many(events.length, `${quoted} …`),
      data: { count: events.length, sources: events.slice(0, SOURCES_KEPT).map((event) => event.source) },
    },
  ];
}
