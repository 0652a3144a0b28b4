/** Where a signal came from: a check of the plan, a combination rule (`rule:THREAT/N`), or an inbound alert. */
export type SignalSource = `check:${string}` | `rule:${string}` | `alert:${string}`;

export const SIGNAL_STATUSES = ['pending', 'opened', 'attached', 'suppressed', 'recovered'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/**
 * Evidence that a threat of the plan is happening: held a moment (group wait) so that
 * a burst of dependent failures lands on one incident, then opened or attached.
 */
export interface Signal {
  id: string;
  source: SignalSource;
  threatId: string;
  /** The asset that failed, for the dependency analysis. */
  assetId: string | null;
  state: string;
  message: string;
  firstAt: number;
  /** When the failure was last reported, to the minute (`LAST_REPORT_RESOLUTION_MS`). */
  lastAt: number;
  status: SignalStatus;
  incidentId: string | null;
  recoveredAt: number | null;
  data: Record<string, unknown>;
}

/**
 * A repeat refreshes its live signal's `lastAt` only once this much later: a storm of repeats
 * (an Alertmanager restarting, a sender retrying) then writes nothing.
 */
export const LAST_REPORT_RESOLUTION_MS = 60_000;

/**
 * The assets a signal speaks of: those of a combination's failing checks (kept in
 * `data.assets`), else its one asset.
 */
export function assetsOfSignal(signal: Pick<Signal, 'assetId' | 'data'>): string[] {
  const listed = signal.data['assets'];
  if (Array.isArray(listed) && listed.length > 0 && listed.every((id): id is string => typeof id === 'string'))
    return listed;
  return signal.assetId === null ? [] : [signal.assetId];
}

/** Signals that still speak of a failure. */
export function isLive(signal: Pick<Signal, 'status'>): boolean {
  return signal.status === 'pending' || signal.status === 'opened' || signal.status === 'attached';
}

export interface SignalPage {
  limit: number;
  offset: number;
}

/** Where a page of signals ended. */
export type SignalCursor = Pick<Signal, 'firstAt' | 'id'>;

/** An asset with live signals (see `SignalRepository.liveAssets`): what `assetsOfSignal` reads, and the incident. */
export type LiveAsset = Pick<Signal, 'assetId' | 'data' | 'incidentId'>;

export interface SignalRecovery {
  id: string;
  /** What the source said when it came back. */
  message: string;
}

export interface SignalRepository {
  /**
   * Records signals seen now, in a few statements however many: each is inserted unless its
   * source already has a live signal for its threat, whose `lastAt` then becomes the new
   * one's if that is at least `LAST_REPORT_RESOLUTION_MS` later. No two may share a source
   * and a threat. Returns the ids of those inserted.
   */
  recordLive(signals: readonly Signal[]): Promise<Set<string>>;
  /** The live signals of these sources. */
  liveFromSources(sources: string[]): Promise<Signal[]>;
  update(signal: Signal): Promise<void>;
  /** Raises these signals on an incident: the one that opened it `opened`, those joining it `attached`. */
  raise(ids: readonly string[], status: 'opened' | 'attached', incidentId: string): Promise<void>;
  /** These signals' failures are over: recovered at `at`, each with its own message. */
  recover(recoveries: readonly SignalRecovery[], at: number): Promise<void>;
  /** Whether a signal raised on this incident is still live. */
  anyLiveForIncident(incidentId: string): Promise<boolean>;
  /** Live signals, the failures under way, oldest first, a page at a time (a storm makes many). */
  live(page: SignalPage): Promise<Signal[]>;
  /**
   * Signals waiting out their group wait that began by `firstAtUntil`, oldest first (then by
   * id), a page at a time: those after `after`.
   */
  pending(page: { firstAtUntil: number; limit: number; after?: SignalCursor | undefined }): Promise<Signal[]>;
  /**
   * Where the live signals are, without them: each asset that has one, with the incident it
   * was raised on, and each combination's list of assets — however many signals, few rows;
   * the latest signal's last.
   */
  liveAssets(): Promise<LiveAsset[]>;
  /** The signals raised on an incident, live or not, oldest first, a page at a time. */
  forIncident(incidentId: string, page: SignalPage): Promise<Signal[]>;
}

/** A maintenance window stored through the API (the plan may declare others). */
export interface MaintenanceWindow {
  id: string;
  scope: 'asset' | 'site';
  targetId: string;
  from: number;
  to: number;
  reason: string;
  createdBy: string;
  createdAt: number;
}

export interface MaintenanceRepository {
  insert(window: MaintenanceWindow): Promise<void>;
  delete(id: string): Promise<boolean>;
  /** Windows that overlap [from, to). */
  overlapping(from: number, to: number): Promise<MaintenanceWindow[]>;
  list(): Promise<MaintenanceWindow[]>;
}
