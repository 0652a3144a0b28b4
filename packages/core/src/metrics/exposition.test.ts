import { describe, expect, it } from 'vitest';
import { renderExposition } from './exposition';
import { metricFamily } from './metric-family';

describe("Prometheus' text exposition", () => {
  it('writes HELP, TYPE and one line per series, label values and help escaped', () => {
    const up = metricFamily('vigie_x', 'gauge', 'A help text \\ on\ntwo lines.');
    up.add({ name: 'Onduleur "principal"\\A\nB' }, 1);
    up.add({ name: 'é' }, 0.0041);
    const plain = metricFamily('vigie_y_total', 'counter', 'Counted.');
    plain.add({}, 12);
    const special = metricFamily('vigie_z', 'gauge', 'Special numbers.');
    special.add({}, Number.NaN);
    special.add({}, Infinity);
    special.add({}, -Infinity);
    expect(renderExposition([up, plain, special])).toBe(
      [
        '# HELP vigie_x A help text \\\\ on\\ntwo lines.',
        '# TYPE vigie_x gauge',
        'vigie_x{name="Onduleur \\"principal\\"\\\\A\\nB"} 1',
        'vigie_x{name="é"} 0.0041',
        '# HELP vigie_y_total Counted.',
        '# TYPE vigie_y_total counter',
        'vigie_y_total 12',
        '# HELP vigie_z Special numbers.',
        '# TYPE vigie_z gauge',
        'vigie_z NaN',
        'vigie_z +Inf',
        'vigie_z -Inf',
        '',
      ].join('\n'),
    );
  });

  it('writes a family without series as its HELP and TYPE, and nothing at all for no family', () => {
    expect(renderExposition([metricFamily('vigie_empty', 'gauge', 'None yet.')])).toBe(
      '# HELP vigie_empty None yet.\n# TYPE vigie_empty gauge\n',
    );
    expect(renderExposition([])).toBe('');
  });
});
