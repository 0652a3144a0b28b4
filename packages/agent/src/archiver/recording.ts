/** A recording found in the source tree, before it is archived. */
export interface Recording {
  /** Path below the source folder, always with `/` separators (the layout kept at the destination). */
  relativePath: string;
  /** Where the file is on this machine. */
  absolutePath: string;
  size: number;
  /** Last modification, epoch milliseconds: the age that selects it. */
  mtimeMs: number;
}

/** Capacity and free space of a volume, in bytes. */
export interface VolumeSpace {
  totalBytes: number;
  /** Space an unprivileged writer can still use (`bavail`). */
  freeBytes: number;
}

/** Free space as a percentage of the volume, 0 for an empty volume description. */
export function freePercent(space: VolumeSpace): number {
  return space.totalBytes > 0 ? (space.freeBytes / space.totalBytes) * 100 : 0;
}
