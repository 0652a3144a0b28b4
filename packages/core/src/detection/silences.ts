import type { LabelMatcher, Silence, SilenceState } from '@vigie/contract';
import { invalid } from '../errors';
import { labelPatternProblem } from './label-pattern';

/** A silence as stored: its state follows from its times and `now`. */
export type SilenceRecord = Omit<Silence, 'state'>;

/** Expired silences stay listed this long, as Alertmanager keeps them. */
export const EXPIRED_SILENCES_KEPT_MS = 7 * 24 * 3_600_000;

export interface SilenceRepository {
  insert(silence: SilenceRecord): Promise<void>;
  /** Writes a silence's matchers, times and comment anew; false if unknown. */
  update(silence: SilenceRecord): Promise<boolean>;
  findById(id: string): Promise<SilenceRecord | undefined>;
  /** Those ending after `endsAfter` (an expired one ended at or before now), the soonest to start first. */
  endingAfter(endsAfter: number): Promise<SilenceRecord[]>;
  /** Adds what a batch muted: per silence, how many alerts, at `at`. */
  recordMuted(counts: ReadonlyMap<string, number>, at: number): Promise<void>;
}

/** Pending before it starts, active until it ends, expired after. */
export function silenceState(silence: Pick<SilenceRecord, 'startsAt' | 'endsAt'>, now: number): SilenceState {
  if (now < silence.startsAt) return 'pending';
  return now < silence.endsAt ? 'active' : 'expired';
}

/** Whether a label set meets one matcher; a label the alert lacks reads as the empty text. */
type LabelTest = (labels: Readonly<Record<string, string>>) => boolean;

function compileMatcher(matcher: LabelMatcher): LabelTest {
  const { name, value, isEqual } = matcher;
  if (!matcher.isRegex) return (labels) => ((labels[name] ?? '') === value) === isEqual;
  const pattern = anchoredPattern(value);
  return (labels) => pattern.test(labels[name] ?? '') === isEqual;
}

/** A matcher's regular expression, matching the whole value as Prometheus' do. */
function anchoredPattern(source: string): RegExp {
  const problem = labelPatternProblem(source);
  if (problem) throw invalid(`\`${source}\` ${problem}`);
  return new RegExp(`^(?:${source})$`);
}

/** A test of labels against every matcher of a list. */
export function compileMatchers(matchers: readonly LabelMatcher[]): LabelTest {
  const tests = matchers.map(compileMatcher);
  return (labels) => tests.every((test) => test(labels));
}

/**
 * Checks a silence's matchers as Alertmanager does: regular expressions that compile, and
 * at least one matcher an alert without labels would fail — else it would mute everything.
 */
export function checkMatchers(matchers: readonly LabelMatcher[]): void {
  if (matchers.length === 0) throw invalid('a silence needs at least one matcher');
  const tests = matchers.map(compileMatcher);
  if (tests.every((test) => test({}))) {
    throw invalid('at least one matcher must not match an empty label, else the silence would mute every alert');
  }
}

/** The active silences, ready to test alerts against: the first that mutes an alert is named. */
export class SilenceMatcher {
  private readonly tests: { id: string; test: LabelTest }[];

  constructor(silences: readonly SilenceRecord[], now: number) {
    this.tests = silences
      .filter((s) => silenceState(s, now) === 'active')
      .map((s) => ({ id: s.id, test: compileMatchers(s.matchers) }));
  }

  /** The id of the silence muting an alert with these labels, or null. */
  silencing(labels: Readonly<Record<string, string>>): string | null {
    for (const { id, test } of this.tests) if (test(labels)) return id;
    return null;
  }

  get empty(): boolean {
    return this.tests.length === 0;
  }
}

/** The labels a silence's equality matchers name: what Alertmanager filters silences by. */
export function equalityLabels(matchers: readonly LabelMatcher[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of matchers) if (m.isEqual && !m.isRegex) labels[m.name] = m.value;
  return labels;
}

/** Silences in the order people read them: active (ending soonest), pending (starting soonest), expired (latest first). */
export function orderSilences(silences: readonly SilenceRecord[], now: number): Silence[] {
  const rank = { active: 0, pending: 1, expired: 2 } as const;
  return silences
    .map((s) => ({ ...s, state: silenceState(s, now) }))
    .sort((a, b) => {
      if (a.state !== b.state) return rank[a.state] - rank[b.state];
      if (a.state === 'active') return a.endsAt - b.endsAt;
      if (a.state === 'pending') return a.startsAt - b.startsAt;
      return b.endsAt - a.endsAt;
    });
}
