import type { MetricFamily, MetricLabels } from './metric-family';

/** The content type of Prometheus' text exposition format. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Metrics in Prometheus' text exposition format (0.0.4): each family's HELP and TYPE, then
 * one line per series. Label values and help texts are escaped as the format says.
 */
export function renderExposition(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  // A check's series share one labels object across families: each is written once.
  const written = new Map<MetricLabels, string>();
  const labelSetOf = (labels: MetricLabels) => {
    let text = written.get(labels);
    if (text === undefined) written.set(labels, (text = labelSet(labels)));
    return text;
  };
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const { labels, value } of family.samples)
      lines.push(`${family.name}${labelSetOf(labels)} ${numberText(value)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function labelSet(labels: MetricLabels): string {
  // Written out: a scrape of 10,000 checks writes over a hundred thousand series.
  let text = '';
  for (const name in labels) text += `${text ? ',' : '{'}${name}="${escapeLabelValue(labels[name]!)}"`;
  return text ? `${text}}` : '';
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

const NEEDS_ESCAPE = /[\\"\n]/;

function escapeLabelValue(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
