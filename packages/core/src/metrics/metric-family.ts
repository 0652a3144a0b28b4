/** A metric's labels: names to values. */
export type MetricLabels = Readonly<Record<string, string>>;

/** One series of a metric: its labels and its value now. */
export interface MetricSample {
  labels: MetricLabels;
  value: number;
}

/** A metric as Prometheus scrapes it: a name, what it means, its kind, and its series. */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: MetricSample[];
}

/** Builds a family whose series are added one by one. */
export function metricFamily(
  name: string,
  type: MetricFamily['type'],
  help: string,
): MetricFamily & { add(labels: MetricLabels, value: number): void } {
  const samples: MetricSample[] = [];
  return { name, help, type, samples, add: (labels, value) => samples.push({ labels, value }) };
}

/**
 * Milliseconds (an instant since the epoch, or a duration) as Prometheus writes them: seconds,
 * to the microsecond (`4.1` ms is `0.0041`, not `0.0040999999999999995`).
 */
export function seconds(ms: number): number {
  return Math.round(ms * 1000) / 1e6;
}
