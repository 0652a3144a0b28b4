import { describe, expect, it } from 'vitest';
import type { AvailabilityResponse } from '@vigie/contract';
import { availabilityCsv, type CsvWords } from './report-csv';

const WORDS: CsvWords = {
  check: 'Vérification',
  availability: 'Disponibilité (%)',
  upRatio: 'En service (%)',
  up: 'En service',
  degraded: 'Dégradés',
  down: 'En panne',
  total: 'Résultats',
  all: 'Ensemble',
};

const REPORT: AvailabilityResponse = {
  scope: 'client',
  id: 'ocm',
  from: 0,
  to: 1,
  up: 190,
  degraded: 5,
  down: 5,
  total: 200,
  availability: 0.975,
  upRatio: 0.95,
  checks: [
    {
      checkId: 'crm-web',
      name: 'Interface web; CRM "Hermès"',
      up: 90,
      degraded: 5,
      down: 5,
      total: 100,
      availability: 0.95,
      upRatio: 0.9,
    },
    { checkId: 'mgw', name: 'Media Gateway', up: 100, degraded: 0, down: 0, total: 100, availability: 1, upRatio: 1 },
    { checkId: 'new', name: 'Nouvelle', up: 0, degraded: 0, down: 0, total: 0, availability: null, upRatio: null },
  ],
};

describe('availabilityCsv', () => {
  it('writes French with semicolons and decimal commas, quoting what needs it', () => {
    expect(availabilityCsv(REPORT, WORDS, 'fr').split('\r\n')).toEqual([
      'Vérification;Disponibilité (%);En service (%);En service;Dégradés;En panne;Résultats',
      '"Interface web; CRM ""Hermès""";95,00;90,00;90;5;5;100',
      'Media Gateway;100,00;100,00;100;0;0;100',
      'Nouvelle;;;0;0;0;0',
      'Ensemble;97,50;95,00;190;5;5;200',
      '',
    ]);
  });

  it('writes English with commas and decimal points', () => {
    const lines = availabilityCsv(REPORT, { ...WORDS, all: 'All' }, 'en').split('\r\n');
    expect(lines[1]).toBe('"Interface web; CRM ""Hermès""",95.00,90.00,90,5,5,100');
    expect(lines[4]).toBe('All,97.50,95.00,190,5,5,200');
  });
});
