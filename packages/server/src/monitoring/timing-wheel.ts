/** A value waiting in a timing wheel. */
export interface WheelEntry<T> {
  readonly value: T;
  readonly dueAt: number;
  /** The wheel tick whose slot holds it. */
  readonly tick: number;
}

/**
 * A hashed timing wheel: scheduling and cancelling are O(1), and each advance visits the
 * slots of the ticks passed rather than every timer — thousands of checks cost a few set
 * operations per tick. An entry fires at the first advance at or after its due time,
 * never before it: the tick only picks the slot, the due time decides. A slot's set is made
 * when an entry first lands in it: a node holds one wheel per shard, most slots stay empty.
 */
export class TimingWheel<T> {
  private readonly slots: Array<Set<WheelEntry<T>> | undefined>;
  /** Ticks up to this one have been emptied of every entry due in them. */
  private cursor: number;
  private count = 0;

  constructor(
    private readonly tickMs: number,
    slotCount: number,
    now: number,
  ) {
    this.slots = new Array<Set<WheelEntry<T>> | undefined>(slotCount).fill(undefined);
    this.cursor = Math.floor(now / tickMs) - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Schedules a value at `dueAt` (a time already past fires at the next advance). */
  schedule(value: T, dueAt: number): WheelEntry<T> {
    const tick = Math.max(Math.floor(dueAt / this.tickMs), this.cursor + 1);
    const entry = { value, dueAt, tick };
    const index = tick % this.slots.length;
    (this.slots[index] ??= new Set()).add(entry);
    this.count++;
    return entry;
  }

  cancel(entry: WheelEntry<T>): void {
    if (this.slots[entry.tick % this.slots.length]?.delete(entry)) this.count--;
  }

  /** Moves the wheel to `now` and returns the values due, in no particular order. */
  advance(now: number): T[] {
    const target = Math.floor(now / this.tickMs);
    const due: T[] = [];
    // After a long stall, one turn of the wheel visits every slot: that is enough.
    const steps = Math.min(target - this.cursor, this.slots.length);
    for (let i = 1; i <= steps; i++) {
      const slot = this.slots[(this.cursor + i) % this.slots.length];
      if (slot === undefined) continue;
      for (const entry of slot) {
        if (entry.tick > target || entry.dueAt > now) continue;
        slot.delete(entry);
        this.count--;
        due.push(entry.value);
      }
    }
    // The current tick is not over: entries due later in it wait for the next advance.
    if (target - 1 > this.cursor) this.cursor = target - 1;
    return due;
  }
}
