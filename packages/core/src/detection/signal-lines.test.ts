import { describe, expect, it } from 'vitest';
import { SIGNALS_TOLD_ONE_BY_ONE, signalLines, type SignalEvent } from './signal-lines';

const events = (count: number): SignalEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    source: `alert:${i}`,
    message: `Disque plein sur hmp-${i}`,
    line: { summary: `Detected: Disque plein sur hmp-${i}`, data: { source: `alert:${i}` } },
  }));
const many = (count: number, quoted: string) => `${count} signals detected: ${quoted}`;

describe('signal lines', () => {
  it('tells a few signals one by one', () => {
    const lines = signalLines(events(3), many);
    expect(lines.map((l) => l.summary)).toEqual([
      'Detected: Disque plein sur hmp-0',
      'Detected: Disque plein sur hmp-1',
      'Detected: Disque plein sur hmp-2',
    ]);
    expect(signalLines(events(SIGNALS_TOLD_ONE_BY_ONE), many)).toHaveLength(SIGNALS_TOLD_ONE_BY_ONE);
  });

  it('counts a storm on one line, quoting the first few', () => {
    const lines = signalLines(events(10_000), many);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.summary).toBe(
      '10000 signals detected: Disque plein sur hmp-0; Disque plein sur hmp-1; Disque plein sur hmp-2 …',
    );
    expect(lines[0]!.data['count']).toBe(10_000);
    const sources = lines[0]!.data['sources'] as string[];
    expect(sources.slice(0, 2)).toEqual(['alert:0', 'alert:1']);
    expect(sources.length).toBeLessThanOrEqual(50);
    expect(signalLines(events(SIGNALS_TOLD_ONE_BY_ONE + 1), many)).toHaveLength(1);
  });
});
