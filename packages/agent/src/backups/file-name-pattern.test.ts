import { describe, expect, it } from 'vitest';
import { fileNameMatcher } from './file-name-pattern';

describe('fileNameMatcher', () => {
  it.each([
    ['*.bak', 'crm_20260105.bak', true],
    ['*.bak', 'CRM_20260105.BAK', true],
    ['*.bak', 'crm_20260105.bak.tmp', false],
    ['*.bak', 'crm.trn', false],
    ['crm_*.bak', 'crm_full.bak', true],
    ['crm_*.bak', 'rh_full.bak', false],
    ['log_????.trn', 'log_0412.trn', true],
    ['log_????.trn', 'log_412.trn', false],
    ['*', 'anything at all', true],
    ['backup(1).zip', 'backup(1).zip', true],
    ['a.b', 'axb', false],
    ['[ab].sql', '[ab].sql', true],
    ['[ab].sql', 'a.sql', false],
  ])('%s against %s: %s', (pattern, name, matches) => {
    expect(fileNameMatcher(pattern)(name)).toBe(matches);
  });
});
