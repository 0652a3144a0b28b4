import type { Generated } from 'kysely';
import type { MonitoringTables } from './monitoring-schema';

/** Booleans are stored as 0/1 integers so both dialects read them the same. */
type Flag = number;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  client_id: string | null;
  language: string;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  user_id: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface PlanVersionsTable {
  id: string;
  number: number;
  file_name: string;
  content_hash: string;
  source: string;
  loaded_by: string;
  loaded_at: number;
  activated_at: number | null;
  active: Flag;
}

export interface AuditLogTable {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: Generated<number>;
  seq: number;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface IncidentsTable {
  id: string;
  number: number;
  threat_id: string;
  title: string;
  status: string;
  severity: string;
  assets: string;
  clients: string;
  started_at: number;
  opened_at: number;
  acknowledged_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  eta_at: number | null;
  cause: string | null;
  summary: string | null;
  source: string;
  dedup_key: string;
  active: Flag;
  plan_version: number;
  fired_steps: string;
  drill: Flag;
  updated_at: number;
}

export interface IncidentClientsTable {
  incident_id: string;
  client_id: string;
}

export interface TimelineTable {
  id: string;
  incident_id: string;
  seq: number;
  at: number;
  kind: string;
  actor: string;
  ref: string | null;
  summary: string;
  data: string;
}

export interface JobsTable {
  id: string;
  key: string;
  kind: string;
  incident_id: string | null;
  run_at: number;
  payload: string;
  status: string;
  attempts: number;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  done_at: number | null;
}

export interface NotificationsTable {
  id: string;
  key: string;
  incident_id: string | null;
  event: string;
  channel: string;
  recipient_id: string;
  recipient_name: string;
  address: string;
  language: string;
  subject: string;
  text: string;
  html: string;
  calendar: string | null;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  fallback_of: string | null;
  ref: string | null;
}

export interface CrisisCellMembersTable {
  incident_id: string;
  role: string;
  person_id: string;
  name: string;
  email: string | null;
  joined_at: number;
}

export interface SitrepsTable {
  id: string;
  incident_id: string;
  at: number;
  author: string;
  situation: string;
  actions: string;
  next_steps: string;
  needs: string | null;
}

export interface ActionItemsTable {
  id: string;
  incident_id: string;
  title: string;
  owner: string | null;
  due_at: number | null;
  status: string;
  created_at: number;
  updated_at: number;
}

export interface DutiesTable {
  id: string;
  incident_id: string;
  duty_id: string;
  kind: string;
  title: string;
  status: string;
  due_at: number | null;
  done_at: number | null;
  data: string;
}

export interface SignalsTable {
  id: string;
  source: string;
  threat_id: string;
  asset_id: string | null;
  state: string;
  message: string;
  first_at: number;
  last_at: number;
  status: string;
  live: Flag;
  incident_id: string | null;
  recovered_at: number | null;
  data: string;
  /** `liveSignalKey(source, threat_id)`: written, never read back. */
  live_key: bigint | null;
}

/** Every threat that ever had a signal: a source's live signals are found under each. */
export interface SignalThreatsTable {
  threat_id: string;
}

/** Firing alerts that revealed no threat, by `alertname` and `threat` label (`key`). */
export interface UnmatchedAlertsTable {
  key: string;
  alertname: string;
  threat_label: string | null;
  reason: string;
  count: number;
  first_at: number;
  last_at: number;
  /** JSON: the labels of the latest one. */
  labels: string;
  summary: string | null;
}

export interface SilencesTable {
  id: string;
  /** JSON: [{name, value, isRegex, isEqual}]. */
  matchers: string;
  starts_at: number;
  ends_at: number;
  comment: string;
  created_by: string;
  created_at: number;
  updated_at: number;
  muted_count: Generated<number>;
  last_muted_at: number | null;
}

export interface OnCallOverridesTable {
  id: string;
  schedule_id: string;
  person_id: string;
  starts_at: number;
  ends_at: number;
  reason: string | null;
  created_by: string;
  created_at: number;
}

export interface MaintenanceWindowsTable {
  id: string;
  scope: string;
  target_id: string;
  starts_at: number;
  ends_at: number;
  reason: string;
  created_by: string;
  created_at: number;
}

export interface Database extends MonitoringTables {
  signals: SignalsTable;
  signal_threats: SignalThreatsTable;
  maintenance_windows: MaintenanceWindowsTable;
  unmatched_alerts: UnmatchedAlertsTable;
  silences: SilencesTable;
  on_call_overrides: OnCallOverridesTable;
  incidents: IncidentsTable;
  incident_clients: IncidentClientsTable;
  timeline: TimelineTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  crisis_cell_members: CrisisCellMembersTable;
  sitreps: SitrepsTable;
  action_items: ActionItemsTable;
  duties: DutiesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  plan_versions: PlanVersionsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  settings: SettingsTable;
}

export interface AgentsTable {
  id: string;
  name: string;
  /** JSON array of asset ids. */
  assets: string;
  token_hash: string;
  enrolled_by: string;
  enrolled_at: number;
  last_seen_at: number | null;
  last_report_at: number | null;
  report_interval_ms: number | null;
  revoked_at: number | null;
  silence_fed_at: number | null;
}

export interface AgentTasksTable {
  id: string;
  agent_id: string;
  asset_id: string;
  action: string;
  timeout_ms: number;
  ref: string | null;
  status: string;
  queued_by: string;
  queued_at: number;
  sent_at: number | null;
  finished_at: number | null;
  exit_code: number | null;
  output: string | null;
  output_truncated: Flag;
  message: string | null;
}

export interface AgentReportsTable {
  agent_id: string;
  report_id: string;
  seq: number;
  at: number;
  received_at: number;
  /** The report as the agent sent it (JSON). */
  body: string;
}

/** The agents' tables, merged into `Database`. */
export interface RunbookRunsTable {
  id: string;
  incident_id: string;
  kind: string;
  title: string;
  status: string;
  started_at: number;
  finished_at: number | null;
  started_by: string;
}

export interface RunbookStepsTable {
  run_id: string;
  idx: number;
  title: string;
  kind: string;
  instructions: string | null;
  action: string | null;
  asset_id: string | null;
  approval: Flag;
  approved_by: string | null;
  timeout_ms: number;
  retries: number;
  status: string;
  attempts: number;
  task_id: string | null;
  output: string | null;
  started_at: number | null;
  finished_at: number | null;
  done_by: string | null;
}

export interface Database {
  runbook_runs: RunbookRunsTable;
  runbook_steps: RunbookStepsTable;
  agents: AgentsTable;
  agent_tasks: AgentTasksTable;
  agent_reports: AgentReportsTable;
}
