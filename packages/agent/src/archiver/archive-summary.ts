import type { VolumeSpace } from './recording';

/** What an archive run did, for the CLI, the agent's report and the logs. */
export interface ArchiveSummary {
  source: string;
  destination: string;
  index: string;
  /** How checksums were read back at the destination. */
  verification: string;
  /** Recordings this run set out to archive, those of an interrupted run included. */
  selected: number;
  /** Recordings an interrupted run had started on, finished by this one. */
  recovered: number;
  /** Copied, verified, renamed, indexed, then deleted from the source. */
  archived: number;
  /** Found at the destination with the same size and SHA-256 (an earlier run was cut short), then deleted from the source. */
  alreadyArchived: number;
  /** Recordings whose name was taken at the destination by another file: both are kept. */
  conflicts: Array<{ recording: string; archivedAs: string }>;
  /** Recordings left in the source folder, and why. */
  failures: Array<{ recording: string; reason: string }>;
  /** Links and special files in the source folder, never archived. */
  skipped: string[];
  bytes: number;
  elapsedMs: number;
  bytesPerSecond: number;
  space: {
    before: VolumeSpace;
    after: VolumeSpace;
    /** Bytes the free-space goal asked for (0 without one). */
    bytesToFree: number;
    /** Bytes the goal still lacks once every eligible recording is archived. */
    shortfallBytes: number;
  };
  /** Whether the destination folder is on the source's volume: moving frees no space there. */
  sameVolume: boolean;
  /** Interrupted runs towards other destinations: rerun with that destination to finish them. */
  pendingElsewhere: Array<{ destination: string; count: number }>;
  /** Why the run stopped before the end (a destination failure, or it was asked to stop); nothing is lost. */
  stopped?: { reason: string; byRequest: boolean };
}
