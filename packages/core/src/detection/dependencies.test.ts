import { describe, expect, it } from 'vitest';
import type { Plan } from '@vigie/contract';
import { ancestorsOf, rootCauseOf, rootCauseOfAll } from './dependencies';
import { assetForAlert, labelsMatch, ruleMatchesState } from './match-rules';
import { maintenanceCovering, maintenanceCoveringAll } from './maintenance';
import { assetsOfSignal } from './model';

const plan = {
  assets: [
    { id: 'reseau', site: 'principal', dependsOn: [] },
    { id: 'mgw', site: 'principal', dependsOn: ['reseau'], host: 'mgw.example' },
    { id: 'sql', site: 'principal', dependsOn: ['reseau'] },
    { id: 'crm', site: 'principal', dependsOn: ['sql', 'mgw'] },
    { id: 'secours', site: 'secours', dependsOn: [] },
  ],
  maintenance: [],
} as unknown as Plan;

describe('dependencies', () => {
  it('follows dependsOn through, near ones first', () => {
    expect(ancestorsOf(plan, 'crm')).toEqual(['sql', 'mgw', 'reseau']);
    expect(ancestorsOf(plan, 'reseau')).toEqual([]);
  });

  it.each([
    [['sql'], 'crm', 'sql'],
    [['sql', 'reseau'], 'crm', 'reseau'],
    [['mgw'], 'crm', 'mgw'],
    [[], 'crm', undefined],
    [['crm'], 'sql', undefined],
  ])('with %j failing, %s is explained by %s', (failing, asset, root) => {
    expect(rootCauseOf(plan, asset, new Set(failing))).toBe(root);
  });

  it.each([
    [['reseau', 'sql', 'mgw'], ['sql', 'mgw'], 'reseau'],
    [['sql', 'crm'], ['crm', 'sql'], undefined],
    [['sql', 'mgw'], ['crm', 'mgw'], undefined],
    [['reseau'], [], undefined],
  ])('with %j failing, a combination over %j is explained by %s', (failing, assets, root) => {
    expect(rootCauseOfAll(plan, assets, new Set(failing))).toBe(root);
  });
});

describe('the assets of a signal', () => {
  it("are a combination's failing assets, else its one asset", () => {
    expect(assetsOfSignal({ assetId: 'sql', data: { assets: ['sql', 'mgw'] } })).toEqual(['sql', 'mgw']);
    expect(assetsOfSignal({ assetId: 'sql', data: { check: 'x' } })).toEqual(['sql']);
    expect(assetsOfSignal({ assetId: 'sql', data: { assets: [1] } })).toEqual(['sql']);
    expect(assetsOfSignal({ assetId: null, data: {} })).toEqual([]);
  });
});

describe('rule matching', () => {
  it('a degraded rule also matches down; a down rule does not match degraded', () => {
    expect(ruleMatchesState({ state: 'degraded' }, 'down')).toBe(true);
    expect(ruleMatchesState({ state: 'down' }, 'degraded')).toBe(false);
    expect(ruleMatchesState({ state: 'flapping' }, 'flapping')).toBe(true);
  });

  it('matches labels exactly or by anchored regular expression', () => {
    expect(labelsMatch({ alertname: 'HmpDiskFull' }, { alertname: 'HmpDiskFull', x: 'y' })).toBe(true);
    expect(labelsMatch({ alertname: '~Hmp.*' }, { alertname: 'HmpDiskFull' })).toBe(true);
    expect(labelsMatch({ alertname: '~Disk' }, { alertname: 'HmpDiskFull' })).toBe(false);
    expect(labelsMatch({ severity: 'critical' }, {})).toBe(false);
  });

  it('finds the asset of an alert by label or by host', () => {
    expect(assetForAlert(plan, { asset: 'sql' })).toBe('sql');
    expect(assetForAlert(plan, { instance: 'mgw.example:9100' })).toBe('mgw');
    expect(assetForAlert(plan, { instance: 'elsewhere:1' })).toBeNull();
  });
});

describe('maintenance', () => {
  const window = {
    id: 'w',
    scope: 'site' as const,
    targetId: 'principal',
    from: 100,
    to: 200,
    reason: 'r',
    createdBy: 'x',
    createdAt: 0,
  };
  it('covers the assets of a site during the window only', () => {
    expect(maintenanceCovering(plan, [window], 'crm', 150)).toBe(window);
    expect(maintenanceCovering(plan, [window], 'crm', 200)).toBeUndefined();
    expect(maintenanceCovering(plan, [window], 'secours', 150)).toBeUndefined();
  });

  it('covers a failure over several assets only when it covers each of them', () => {
    const onSql = { ...window, id: 'sql', scope: 'asset' as const, targetId: 'sql' };
    expect(maintenanceCoveringAll(plan, [window], ['crm', 'sql'], 150)).toBe(window);
    expect(maintenanceCoveringAll(plan, [window], ['crm', 'secours'], 150)).toBeUndefined();
    expect(maintenanceCoveringAll(plan, [onSql], ['sql', 'mgw'], 150)).toBeUndefined();
    expect(maintenanceCoveringAll(plan, [onSql, window], ['sql', 'mgw'], 150)).toBe(onSql);
    expect(maintenanceCoveringAll(plan, [window], [], 150)).toBeUndefined();
  });
});
