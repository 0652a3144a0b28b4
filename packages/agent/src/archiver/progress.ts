/** Where an archive run stands, sent to the `onProgress` callback. */
export interface ArchiveProgress {
  phase: 'scanning' | 'archiving' | 'done';
  filesTotal: number;
  /** Recordings archived and deleted from the source (or found already archived). */
  filesDone: number;
  /** Recordings left at the source because of a problem (listed in the summary). */
  filesFailed: number;
  bytesTotal: number;
  /** Bytes copied and verified so far. */
  bytesDone: number;
  elapsedMs: number;
  /** Average since the start of the archiving phase. */
  bytesPerSecond: number;
}

/** Counts progress and computes the throughput from a start time and the current time. */
export class ProgressMeter {
  private readonly startedAt: number;
  filesTotal = 0;
  filesDone = 0;
  filesFailed = 0;
  bytesTotal = 0;
  bytesDone = 0;

  constructor(startedAt: number) {
    this.startedAt = startedAt;
  }

  /** A snapshot at `now`. */
  snapshot(phase: ArchiveProgress['phase'], now: number): ArchiveProgress {
    const elapsedMs = Math.max(0, now - this.startedAt);
    return {
      phase,
      filesTotal: this.filesTotal,
      filesDone: this.filesDone,
      filesFailed: this.filesFailed,
      bytesTotal: this.bytesTotal,
      bytesDone: this.bytesDone,
      elapsedMs,
      bytesPerSecond: elapsedMs > 0 ? Math.round((this.bytesDone * 1000) / elapsedMs) : 0,
    };
  }
}
