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
import type { UnmatchedAlertRepository } from './detection/unmatched-alerts';
import type { SilenceRepository } from './detection/silences';
import type { OnCallOverrideRepository } from './on-call/on-call';
import type { RunbookRepository } from './runbooks/model';
import type { Role } from './auth/roles';
import type { AgentReport, TaskStatus } from '@vigie/contract';
import type { AgentCheckResult } from './agents/evaluate-agent-check';
import type { CheckResult } from '@vigie/contract';
import type { StatusCounts } from './checks/availability';
import type { CheckMemory, CheckTransition } from './checks/check-state';

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

export interface Repositories extends IncidentRepositories, MonitoringRepositories {
  settings: SettingsRepository;
  signals: SignalRepository;
  maintenance: MaintenanceRepository;
  unmatchedAlerts: UnmatchedAlertRepository;
  silences: SilenceRepository;
  onCallOverrides: OnCallOverrideRepository;
  runbooks: RunbookRepository;
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
  /** Keeps the claim on jobs still pending (running) until `leaseUntil`. */
  extendClaims(ids: readonly string[], leaseUntil: number): Promise<void>;
  /** Frees every job claim; only for a single node starting (SQLite): the claims are its dead self's. */
  releaseClaims(): Promise<number>;
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

// ─── Monitoring: check results, states, rollups, transitions, shard leases, heartbeats ───

/** A check result as stored: which check, when, and what it said. */
export interface CheckResultRecord extends CheckResult {
  checkId: string;
  at: number;
}

/** A check's persisted memory (the N-of-M counts) and its last result. */
export interface CheckStateRecord {
  checkId: string;
  shard: number;
  memory: CheckMemory;
  lastLatencyMs: number | null;
  lastMessage: string | null;
  /** What the last result measured (none before a first result). */
  lastValues: CheckResult['values'];
  updatedAt: number;
}

/** One check's results counted by status over a period. */
export interface CheckCounts extends StatusCounts {
  checkId: string;
}

/** Results of one check over one bucket of time. */
export interface CheckBucket extends StatusCounts {
  checkId: string;
  start: number;
  latencySum: number;
  latencyMax: number | null;
}

export interface CheckResultRepository {
  /** Writes results with one multi-row insert. */
  insertMany(results: readonly CheckResultRecord[]): Promise<void>;
  /** A check's results in [from, to), oldest first, at most `limit`. */
  list(checkId: string, from: number, to: number, limit: number): Promise<CheckResultRecord[]>;
  /** Counts per check over [from, to); checks without results are left out. */
  count(checkIds: readonly string[], from: number, to: number): Promise<CheckCounts[]>;
  /** A check's results in [from, to) grouped into buckets of `bucketMs`, computed now. */
  buckets(checkId: string, bucketMs: number, from: number, to: number): Promise<CheckBucket[]>;
  /** When the oldest result kept was observed. */
  oldest(): Promise<number | undefined>;
  /** Raw results are complete from this time on (earlier ones were pruned); undefined if none was. */
  prunedBefore(): Promise<number | undefined>;
  /** Deletes up to `limit` results observed before `before`, and remembers it; returns how many. */
  pruneBefore(before: number, limit: number): Promise<number>;
}

export interface CheckStateRepository {
  /** Writes the states with one multi-row upsert. */
  upsertMany(states: readonly CheckStateRecord[]): Promise<void>;
  forChecks(checkIds: readonly string[]): Promise<CheckStateRecord[]>;
  forShards(shards: readonly number[]): Promise<CheckStateRecord[]>;
}

export interface CheckRollupRepository {
  /** Counts raw results of [from, to) into buckets of `bucketMs`; existing buckets are recomputed. */
  rollUpResults(bucketMs: number, from: number, to: number): Promise<void>;
  /** Adds up buckets of `sourceMs` over [from, to) into buckets of `bucketMs`. */
  rollUpBuckets(sourceMs: number, bucketMs: number, from: number, to: number): Promise<void>;
  /** A check's stored buckets starting in [from, to), oldest first. */
  list(checkId: string, bucketMs: number, from: number, to: number): Promise<CheckBucket[]>;
  /** Counts per check of the buckets starting in [from, to). */
  count(checkIds: readonly string[], bucketMs: number, from: number, to: number): Promise<CheckCounts[]>;
  /** Up to when buckets of this size are complete. */
  rolledUntil(bucketMs: number): Promise<number | undefined>;
  setRolledUntil(bucketMs: number, until: number): Promise<void>;
  /** Deletes buckets of this size that start before `before`; returns how many. */
  pruneBefore(bucketMs: number, before: number): Promise<number>;
}

/** A transition as stored until its consumer has taken it. */
export interface CheckTransitionRecord extends CheckTransition {
  id: string;
  shard: number;
  deliveredAt: number | null;
}

export interface CheckTransitionRepository {
  insertMany(transitions: readonly CheckTransitionRecord[]): Promise<void>;
  markDelivered(ids: readonly string[], at: number): Promise<void>;
  /** Transitions of these shards not yet delivered, observed before `before`, oldest first. */
  undelivered(shards: readonly number[], before: number, limit: number): Promise<CheckTransitionRecord[]>;
  /** A check's latest transitions, newest first. */
  listForCheck(checkId: string, limit: number): Promise<CheckTransitionRecord[]>;
}

/** A result Vigie did not probe itself (a heartbeat, an agent's report), waiting for its shard's node. */
export interface ExternalResultRecord {
  id: string;
  checkId: string;
  shard: number;
  at: number;
  result: CheckResult;
}

export interface CheckInboxRepository {
  insert(record: ExternalResultRecord): Promise<void>;
  /** Reads and removes up to `limit` results of these shards, oldest first. */
  take(shards: readonly number[], limit: number): Promise<ExternalResultRecord[]>;
}

/** Who holds a shard, until when. */
export interface ShardLease {
  shard: number;
  owner: string;
  until: number;
}

export interface ShardLeaseRepository {
  /** Says the node is alive until `until`; returns the nodes alive at `now`, sorted by id. */
  announce(nodeId: string, now: number, until: number): Promise<string[]>;
  /** Takes or renews the shards that are free, expired or the node's own; returns those it now holds. */
  claim(nodeId: string, shards: readonly number[], now: number, until: number): Promise<number[]>;
  /** Gives shards back at once. */
  release(nodeId: string, shards: readonly number[]): Promise<void>;
  /** Removes the node from the living (its shards are released separately). */
  leave(nodeId: string): Promise<void>;
  list(): Promise<ShardLease[]>;
  /** Forgets nodes silent since before `before`. */
  forgetNodesBefore(before: number): Promise<number>;
}

/** The token a heartbeat check's job calls, sealed (to show it again) and hashed (to find it). */
export interface HeartbeatTokenRecord {
  checkId: string;
  tokenHash: string;
  sealedToken: string;
  createdAt: number;
}

export interface HeartbeatTokenRepository {
  /** Stores the check's token, replacing any earlier one. */
  put(record: HeartbeatTokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<HeartbeatTokenRecord | undefined>;
  list(): Promise<HeartbeatTokenRecord[]>;
}

/** Seals secrets at rest so they can be shown again (AES-GCM in the server). */
export interface SecretSealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Everything the monitoring of checks reads and writes inside one transaction. */
export interface MonitoringRepositories {
  checkResults: CheckResultRepository;
  checkStates: CheckStateRepository;
  checkRollups: CheckRollupRepository;
  checkTransitions: CheckTransitionRepository;
  checkInbox: CheckInboxRepository;
  shardLeases: ShardLeaseRepository;
  heartbeatTokens: HeartbeatTokenRepository;
}

// ─── Agents: enrolled agents, the tasks they are asked to run, their reports ───

/** An agent as stored: its token only as a hash. */
export interface AgentRecord {
  id: string;
  name: string;
  assets: string[];
  tokenHash: string;
  enrolledBy: string;
  enrolledAt: number;
  lastSeenAt: number | null;
  lastReportAt: number | null;
  /** The report interval the agent announced in its last report. */
  reportIntervalMs: number | null;
  revokedAt: number | null;
  /** When its checks were last told the agent is silent; null while it reports. */
  silenceFedAt: number | null;
}

export interface AgentRepository {
  insert(agent: AgentRecord): Promise<void>;
  findById(id: string): Promise<AgentRecord | undefined>;
  findByTokenHash(tokenHash: string): Promise<AgentRecord | undefined>;
  list(): Promise<AgentRecord[]>;
  /** Agents not revoked whose assets include this one. */
  serving(assetId: string): Promise<AgentRecord[]>;
  touch(id: string, at: number): Promise<void>;
  recordReport(id: string, at: number, intervalMs: number): Promise<void>;
  revoke(id: string, at: number): Promise<void>;
  /** Marks a silent agent's checks as fed at `at`, unless another node did so since `since`; true when this call did. */
  claimSilence(id: string, at: number, since: number): Promise<boolean>;
}

/** A task as stored: queued → sent → a result (or timeout). */
export interface AgentTaskRecord {
  id: string;
  agentId: string;
  assetId: string;
  action: string;
  timeoutMs: number;
  ref: string | null;
  status: TaskStatus;
  queuedBy: string;
  queuedAt: number;
  sentAt: number | null;
  finishedAt: number | null;
  exitCode: number | null;
  output: string | null;
  outputTruncated: boolean;
  message: string | null;
}

export interface AgentTaskRepository {
  insert(task: AgentTaskRecord): Promise<void>;
  findById(id: string): Promise<AgentTaskRecord | undefined>;
  /** An agent's queued tasks, oldest first. */
  queued(agentId: string, limit: number): Promise<AgentTaskRecord[]>;
  /** Which of these agents have queued tasks. */
  agentsWithQueued(agentIds: readonly string[]): Promise<string[]>;
  /** Moves a queued task to sent; false when it was no longer queued (another poll took it). */
  markSent(id: string, at: number): Promise<boolean>;
  /** Records the outcome of a task still queued or sent; false when it had one already. */
  finish(id: string, outcome: AgentTaskOutcome): Promise<boolean>;
  /** An agent's latest tasks, newest first. */
  listForAgent(agentId: string, limit: number): Promise<AgentTaskRecord[]>;
}

/** How a task ended. */
export type AgentTaskOutcome = Pick<
  AgentTaskRecord,
  'status' | 'finishedAt' | 'exitCode' | 'output' | 'outputTruncated' | 'message'
>;

/** A report as stored: who sent it, when it was received, what it said. */
export interface AgentReportRecord {
  agentId: string;
  receivedAt: number;
  report: AgentReport;
}

export interface AgentReportRepository {
  /** Stores a report unless one with its id was stored for the agent; true when stored. */
  insert(record: AgentReportRecord): Promise<boolean>;
  /** The agent's latest report, or with `before` its latest made before that time. */
  latest(agentId: string, before?: number): Promise<AgentReportRecord | undefined>;
  /** An agent's reports observed in [from, to), oldest first, at most `limit`. */
  list(agentId: string, from: number, to: number, limit: number): Promise<AgentReportRecord[]>;
  /** Keeps only the agent's `keep` latest reports; returns how many were deleted. */
  prune(agentId: string, keep: number): Promise<number>;
}

/** Tells this node's waiting agents that work was queued for them; other nodes find it by polling. */
export interface AgentWorkSignal {
  taskQueued(agentId: string): void;
}

/** Takes a check result an agent's report produced: the monitoring's entry point for external results. */
export type ExternalCheckFeed = (checkId: string, result: AgentCheckResult, at: number) => Promise<void>;

/** The agents' repositories, merged into `Repositories`. */
export interface Repositories {
  agents: AgentRepository;
  agentTasks: AgentTaskRepository;
  agentReports: AgentReportRepository;
}
