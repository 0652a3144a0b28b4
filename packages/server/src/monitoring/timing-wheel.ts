/** A value waiting in a timing wheel. */
export interface WheelEntry<T> {
  readonly value: T;
  /** The wheel tick at which it fires. */
  readonly tick: number;
}

/**
 * A hashed timing wheel: scheduling and cancelling are O(1), and each tick visits one
 * slot rather than every timer — thousands of checks cost a few set operations per tick.
 * An entry fires at the first tick at or after its due time, never before it.
 */
export class TimingWheel<T> {
  private readonly slots: Set<WheelEntry<T>>[];
  private cursor: number;
  private count = 0;

  constructor(
    private readonly tickMs: number,
    slotCount: number,
    now: number,
  ) {
    this.slots = Array.from({ length: slotCount }, () => new Set<WheelEntry<T>>());
    this.cursor = Math.floor(now / tickMs);
  }

  get size(): number {
    return this.count;
  }

  /** Schedules a value at `dueAt` (a time already past fires at the next advance). */
  schedule(value: T, dueAt: number): WheelEntry<T> {
    const tick = Math.max(Math.ceil(dueAt / this.tickMs), this.cursor + 1);
    const entry = { value, tick };
    this.slots[tick % this.slots.length]!.add(entry);
    this.count++;
    return entry;
  }

  cancel(entry: WheelEntry<T>): void {
    if (this.slots[entry.tick % this.slots.length]!.delete(entry)) this.count--;
  }

  /** Moves the wheel to `now` and returns the values due, in no particular order. */
  advance(now: number): T[] {
    const target = Math.floor(now / this.tickMs);
    const due: T[] = [];
    // After a long stall, one turn of the wheel visits every slot: that is enough.
    const steps = Math.min(target - this.cursor, this.slots.length);
    for (let i = 1; i <= steps; i++) {
      const slot = this.slots[(this.cursor + i) % this.slots.length]!;
      for (const entry of slot) {
        if (entry.tick > target) continue;
        slot.delete(entry);
        this.count--;
        due.push(entry.value);
      }
    }
    if (target > this.cursor) this.cursor = target;
    return due;
  }
}
