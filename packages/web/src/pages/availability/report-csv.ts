import type { AvailabilityResponse } from '@vigie/contract';
import type { Language } from '../../i18n/i18n';

/** The column headings and the group's line, in the interface language. */
export interface CsvWords {
  check: string;
  availability: string;
  upRatio: string;
  up: string;
  degraded: string;
  down: string;
  total: string;
  /** The line of the whole client, site or asset. */
  all: string;
}

/**
 * The report as a spreadsheet opens it: in French, fields split by `;` and decimals written
 * with a comma (what a French spreadsheet reads), in English by `,` with a point; ratios as
 * percentages with two decimals, empty when there was no result.
 */
export function availabilityCsv(report: AvailabilityResponse, words: CsvWords, language: Language): string {
  const separator = language === 'fr' ? ';' : ',';
  const percent = (ratio: number | null) => {
    if (ratio === null) return '';
    const text = (ratio * 100).toFixed(2);
    return language === 'fr' ? text.replace('.', ',') : text;
  };
  const field = (value: string) =>
    value.includes(separator) || /["\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  const line = (cells: (string | number)[]) => cells.map((cell) => field(String(cell))).join(separator);
  const figures = (f: Omit<AvailabilityResponse, 'scope' | 'id' | 'from' | 'to' | 'checks'>) => [
    percent(f.availability),
    percent(f.upRatio),
    f.up,
    f.degraded,
    f.down,
    f.total,
  ];
  return [
    line([words.check, words.availability, words.upRatio, words.up, words.degraded, words.down, words.total]),
    ...report.checks.map((check) => line([check.name, ...figures(check)])),
    line([words.all, ...figures(report)]),
  ]
    .map((text) => `${text}\r\n`)
    .join('');
}
