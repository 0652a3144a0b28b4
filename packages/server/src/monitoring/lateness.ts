/**
 * A histogram of start lateness: 1 ms buckets up to one second, 100 ms buckets up to a
 * minute. Constant memory however many runs it records.
 */
export class LatenessHistogram {
  private readonly fine = new Array<number>(1000).fill(0);
  private readonly coarse = new Array<number>(600).fill(0);
  private overflow = 0;
  private total = 0;
  private worst = 0;

  record(ms: number): void {
    const value = Math.max(0, ms);
    this.total++;
    this.worst = Math.max(this.worst, value);
    if (value < 1000) this.fine[Math.floor(value)]!++;
    else if (value < 60_000) this.coarse[Math.floor(value / 100)]!++;
    else this.overflow++;
  }

  get count(): number {
    return this.total;
  }

  get max(): number {
    return this.worst;
  }

  /** The upper bound of the bucket holding the p-th percentile, in ms. */
  percentile(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (let i = 0; i < this.fine.length; i++) {
      seen += this.fine[i]!;
      if (seen >= rank) return i + 1;
    }
    for (let i = 10; i < this.coarse.length; i++) {
      seen += this.coarse[i]!;
      if (seen >= rank) return (i + 1) * 100;
    }
    return this.worst;
  }

  reset(): void {
    this.fine.fill(0);
    this.coarse.fill(0);
    this.overflow = 0;
    this.total = 0;
    this.worst = 0;
  }
}
