/** Filters of the incidents list, part of its cache key. */
export interface IncidentFilters {
  status?: string | undefined;
  threat?: string | undefined;
  limit?: number | undefined;
}

/** Every cached API resource, named once so that mutations invalidate the right ones. */
export const queryKeys = {
  session: ['session'] as const,
  activePlan: ['plan', 'active'] as const,
  threats: ['plan', 'threats'] as const,
  planVersions: ['plan', 'versions'] as const,
  users: ['users'] as const,
  apiTokens: ['api-tokens'] as const,
  /** Everything about incidents: the live stream invalidates this prefix. */
  incidents: ['incidents'] as const,
  incidentList: (filters: IncidentFilters) => ['incidents', 'list', filters] as const,
  incident: (id: string) => ['incidents', 'room', id] as const,
  incidentNotifications: (id: string) => ['incidents', 'notifications', id] as const,
  /** Under the room's key: the live stream's refresh of the room refreshes them too. */
  incidentSignals: (id: string) => ['incidents', 'room', id, 'signals'] as const,
  /** Everything about checks: a change of state invalidates this prefix. */
  checks: ['checks'] as const,
  availability: (scope: string, id: string, windowMs: number) =>
    ['checks', 'availability', scope, id, windowMs] as const,
  availabilityReport: (scope: string, id: string, from: number, to: number) =>
    ['checks', 'availability-report', scope, id, from, to] as const,
  checkResults: (checkId: string, windowMs: number) => ['checks', 'results', checkId, windowMs] as const,
  maintenance: ['maintenance'] as const,
  /** Under `checks`: fetched again whenever the checks are. */
  unmatchedAlerts: ['checks', 'unmatched-alerts'] as const,
  silences: ['silences'] as const,
  onCall: ['on-call'] as const,
  smtpSettings: ['settings', 'smtp'] as const,
  statusPageLinks: ['status-pages'] as const,
  agents: ['agents'] as const,
  publicStatus: (token: string) => ['public-status', token] as const,
};
