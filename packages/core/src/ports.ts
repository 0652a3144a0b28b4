import type { Incident, IncidentStatus } from './incidents/model';
import type {
  ActionItem,
  CrisisCellMember,
  Duty,
  Job,
  JobKind,
  NewJob,
  NewTimelineEntry,
  NotificationRecord,
  NotificationStatus,
  Sitrep,
  TimelineEntry,
} from './incidents/records';
import type { AuditEntry } from './audit/audit-chain';
import type { MaintenanceRepository, SignalRepository } from './detection/model';
import type { Role } from './auth/roles';

/** The time source; a simulated clock drives drills and tests. */
export interface Clock {
  now(): number;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  clientId: string | null;
  language: 'fr' | 'en';
  passwordHash: string;
  createdAt: number;
  disabledAt: number | null;
}

export interface UserRepository {
  insert(user: UserRecord): Promise<void>;
  findByEmail(email: string): Promise<UserRecord | undefined>;
  findById(id: string): Promise<UserRecord | undefined>;
  list(): Promise<UserRecord[]>;
  count(): Promise<number>;
  update(id: string, changes: Partial<Omit<UserRecord, 'id' | 'createdAt'>>): Promise<void>;
}

export interface SessionRecord {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
}

export interface SessionRepository {
  insert(session: SessionRecord): Promise<void>;
  find(id: string): Promise<SessionRecord | undefined>;
  touch(id: string, lastSeenAt: number, expiresAt: number): Promise<void>;
  delete(id: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
  deleteExpired(now: number): Promise<number>;
}

export interface ApiTokenRecord {
  id: string;
  name: string;
  tokenHash: string;
  userId: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface ApiTokenRepository {
  insert(token: ApiTokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<ApiTokenRecord | undefined>;
  findById(id: string): Promise<ApiTokenRecord | undefined>;
  listForUser(userId: string): Promise<ApiTokenRecord[]>;
  list(): Promise<ApiTokenRecord[]>;
  touch(id: string, at: number): Promise<void>;
  revoke(id: string, at: number): Promise<void>;
}

export interface PlanVersionRecord {
  id: string;
  number: number;
  fileName: string;
  contentHash: string;
  source: string;
  loadedBy: string;
  loadedAt: number;
  activatedAt: number | null;
  active: boolean;
}

export interface PlanRepository {
  insert(version: PlanVersionRecord): Promise<void>;
  activate(id: string, at: number): Promise<void>;
  active(): Promise<PlanVersionRecord | undefined>;
  /** Which version is active, without its text: a cheap check. */
  activeHead(): Promise<{ id: string; contentHash: string } | undefined>;
  findById(id: string): Promise<PlanVersionRecord | undefined>;
  findByHash(contentHash: string): Promise<PlanVersionRecord | undefined>;
  list(): Promise<Omit<PlanVersionRecord, 'source'>[]>;
  nextNumber(): Promise<number>;
}

export interface AuditRepository {
  /** The chain's head, locked until the transaction ends so appends stay in order. */
  lockHead(): Promise<{ seq: number; hash: string }>;
  append(entry: AuditEntry): Promise<void>;
  head(): Promise<{ seq: number; hash: string }>;
  /** Entries in order, a page at a time. */
  page(afterSeq: number, limit: number): Promise<AuditEntry[]>;
}

/** Everything a verb can read and write inside one transaction. */
export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface Repositories extends IncidentRepositories {
  settings: SettingsRepository;
  signals: SignalRepository;
  maintenance: MaintenanceRepository;
  users: UserRepository;
  sessions: SessionRepository;
  apiTokens: ApiTokenRepository;
  plans: PlanRepository;
  audit: AuditRepository;
}

export interface Store {
  /** Runs work in one transaction: all of it is written, or none. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
}

/** Hashes and verifies passwords (scrypt in the server). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

/** Creates unguessable tokens and ids. */
export interface Randomness {
  id(): string;
  token(): string;
}

export interface IncidentFilter {
  status?: IncidentStatus[] | undefined;
  threatId?: string | undefined;
  /** Only incidents concerning this client. */
  clientId?: string | undefined;
  startedFrom?: number | undefined;
  startedTo?: number | undefined;
  limit: number;
  offset: number;
}

export interface IncidentRepository {
  insert(incident: Incident): Promise<void>;
  update(incident: Incident): Promise<void>;
  findById(id: string): Promise<Incident | undefined>;
  findActiveByDedupKey(dedupKey: string): Promise<Incident | undefined>;
  list(filter: IncidentFilter): Promise<Incident[]>;
  nextNumber(): Promise<number>;
}

export interface TimelineRepository {
  append(entry: NewTimelineEntry & { id: string }): Promise<TimelineEntry>;
  list(incidentId: string): Promise<TimelineEntry[]>;
}

export interface JobRepository {
  /** Inserts the job unless one with the same key exists; true when inserted. */
  schedule(job: NewJob & { id: string; createdAt: number }): Promise<boolean>;
  cancelPending(incidentId: string, kinds: readonly JobKind[], at: number): Promise<number>;
  /** Leases up to `limit` due jobs to this worker; other workers skip them. */
  claimDue(now: number, limit: number, leaseUntil: number): Promise<Job[]>;
  complete(id: string, at: number): Promise<void>;
  retry(id: string, runAt: number, error: string): Promise<void>;
  fail(id: string, at: number, error: string): Promise<void>;
  nextRunAt(): Promise<number | undefined>;
  pendingFor(incidentId: string, kinds?: readonly JobKind[]): Promise<Job[]>;
  countPending(): Promise<number>;
}

export interface NotificationRepository {
  /** Inserts the message unless one with the same key exists; true when inserted. */
  insert(notification: NotificationRecord): Promise<boolean>;
  findById(id: string): Promise<NotificationRecord | undefined>;
  setStatus(id: string, status: NotificationStatus, at: number, error: string | null, attempts: number): Promise<void>;
  listForIncident(incidentId: string): Promise<NotificationRecord[]>;
}

export interface CrisisCellRepository {
  add(member: CrisisCellMember): Promise<void>;
  list(incidentId: string): Promise<CrisisCellMember[]>;
}

export interface SitrepRepository {
  insert(sitrep: Sitrep): Promise<void>;
  list(incidentId: string): Promise<Sitrep[]>;
}

export interface ActionItemRepository {
  insert(item: ActionItem): Promise<void>;
  update(item: ActionItem): Promise<void>;
  findById(id: string): Promise<ActionItem | undefined>;
  list(incidentId: string): Promise<ActionItem[]>;
}

export interface DutyRepository {
  insert(duty: Duty): Promise<void>;
  update(duty: Duty): Promise<void>;
  find(incidentId: string, dutyId: string): Promise<Duty | undefined>;
  list(incidentId: string): Promise<Duty[]>;
}

/** Everything the incident engine reads and writes inside one transaction. */
export interface IncidentRepositories {
  incidents: IncidentRepository;
  timeline: TimelineRepository;
  jobs: JobRepository;
  notifications: NotificationRepository;
  crisisCell: CrisisCellRepository;
  sitreps: SitrepRepository;
  actionItems: ActionItemRepository;
  duties: DutyRepository;
}
