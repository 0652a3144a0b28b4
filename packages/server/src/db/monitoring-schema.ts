/** The tables of check monitoring (migration 003); statuses are 0 up, 1 degraded, 2 down. */
export interface MonitoringTables {
  check_results: CheckResultsTable;
  check_states: CheckStatesTable;
  check_rollups: CheckRollupsTable;
  check_marks: CheckMarksTable;
  check_transitions: CheckTransitionsTable;
  check_inbox: CheckInboxTable;
  check_shard_leases: CheckShardLeasesTable;
  check_nodes: CheckNodesTable;
  check_heartbeat_tokens: CheckHeartbeatTokensTable;
}

export interface CheckResultsTable {
  check_id: string;
  at: number;
  status: number;
  latency_ms: number;
  message: string;
  /** The probe's measured values as JSON, null when it measured none. */
  measured: string | null;
}

export interface CheckStatesTable {
  check_id: string;
  shard: number;
  state: string;
  since: number | null;
  down_run: number;
  not_up_run: number;
  up_run: number;
  not_down_run: number;
  same_run: number;
  recent: string;
  last_status: number | null;
  last_at: number | null;
  last_latency_ms: number | null;
  last_message: string | null;
  /** The last result's measured values as JSON, null when it measured none. */
  last_measured: string | null;
  updated_at: number;
}

export interface CheckRollupsTable {
  check_id: string;
  bucket_ms: number;
  bucket_start: number;
  up: number;
  degraded: number;
  down: number;
  latency_sum: number;
  latency_max: number | null;
}

/** Progress marks: `rolled:<bucket ms>` (rollups complete up to `at`), `pruned` (raw results deleted before `at`). */
export interface CheckMarksTable {
  name: string;
  at: number;
}

export interface CheckTransitionsTable {
  id: string;
  check_id: string;
  shard: number;
  at: number;
  from_state: string;
  to_state: string;
  status: number;
  latency_ms: number;
  message: string;
  measured: string | null;
  delivered_at: number | null;
}

export interface CheckInboxTable {
  id: string;
  check_id: string;
  shard: number;
  at: number;
  status: number;
  latency_ms: number;
  message: string;
  measured: string | null;
}

export interface CheckShardLeasesTable {
  shard: number;
  owner: string;
  expires_at: number;
}

export interface CheckNodesTable {
  node_id: string;
  alive_until: number;
}

export interface CheckHeartbeatTokensTable {
  check_id: string;
  token_hash: string;
  sealed_token: string;
  created_at: number;
}
