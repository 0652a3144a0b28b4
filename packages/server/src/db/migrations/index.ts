import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './001-foundation';
import * as incidents from './002-incidents';
import * as monitoring from './003-monitoring';
import * as detection from './004-detection';
import * as agents from './005-agents';
import * as runbooks from './006-runbooks';
import * as alertFingerprints from './007-alert-fingerprints';
import * as liveSignalsOfIncident from './008-live-signals-of-incident';
import * as liveSignalKeys from './009-live-signal-keys';
import * as pendingSignals from './010-pending-signals';
import * as unmatchedAlerts from './011-unmatched-alerts';
import * as checkLastValues from './012-check-last-values';
import * as silences from './013-silences';
import * as onCallOverrides from './014-on-call-overrides';

/** Migrations are numbered, forward-only and written once for both dialects. */
const MIGRATIONS: Record<string, Migration> = {
  '001-foundation': foundation,
  '002-incidents': incidents,
  '003-monitoring': monitoring,
  '004-detection': detection,
  '005-agents': agents,
  '006-runbooks': runbooks,
  '007-alert-fingerprints': alertFingerprints,
  '008-live-signals-of-incident': liveSignalsOfIncident,
  '009-live-signal-keys': liveSignalKeys,
  '010-pending-signals': pendingSignals,
  '011-unmatched-alerts': unmatchedAlerts,
  '012-check-last-values': checkLastValues,
  '013-silences': silences,
  '014-on-call-overrides': onCallOverrides,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
