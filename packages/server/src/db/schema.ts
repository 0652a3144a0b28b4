import type { Generated } from 'kysely';

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

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  plan_versions: PlanVersionsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  settings: SettingsTable;
}
