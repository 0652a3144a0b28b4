import { z } from 'zod';
import { EpochInputSchema } from './epoch';
import { ByteSizeSchema } from '../byte-size';
import { DurationSchema } from '../duration';
import { IdSchema, TextSchema } from '../plan/common';
import { BackupReportSchema, WATCHED_BACKUPS_MAX, WatchedBackupSchema } from './agent-backups';

/** Agents send their own clock's instants: within what a date can be written of. */
const Epoch = EpochInputSchema;

/** Agent tokens start with this, so a leaked one is recognised (and told apart from `vgt_` API tokens). */
export const AGENT_TOKEN_PREFIX = 'vga_';
/** The most output (characters) a task result carries; the agent keeps the start and the end. */
export const TASK_OUTPUT_LIMIT = 16_384;
/** An agent silent for this many report intervals makes its checks `down`. */
export const AGENT_SILENT_INTERVALS = 3;
/** Bounds of a task's time limit. */
export const TASK_TIMEOUT_MIN_MS = 1_000;
export const TASK_TIMEOUT_MAX_MS = 24 * 3_600_000;
/** Reports one request may carry. */
export const REPORT_BATCH_MAX = 100;

/** A Windows service or systemd unit name: no spaces, no shell characters. */
const ServiceNameSchema = z.string({ error: 'expected a service name' }).regex(/^[A-Za-z0-9_.@:-]{1,128}$/, {
  error: 'expected a service name (letters, digits, _ . @ : -), as `sc query` or `systemctl` knows it',
});

// ─── The agent's configuration file ───

/** A service the agent watches and may restart, with the driver that knows how. */
export const WatchedServiceSchema = z.discriminatedUnion(
  'driver',
  [
    z.strictObject({ name: ServiceNameSchema, driver: z.literal('windows') }),
    z.strictObject({ name: ServiceNameSchema, driver: z.literal('systemd') }),
    z.strictObject({
      name: ServiceNameSchema,
      driver: z.literal('process'),
      /** The program the agent starts (absolute path or a name found on PATH), never through a shell. */
      command: z.string().min(1),
      args: z.array(z.string()).default([]),
      cwd: z.string().min(1).optional(),
    }),
  ],
  { error: 'expected driver: windows, systemd or process' },
);
export type WatchedService = z.infer<typeof WatchedServiceSchema>;

/** One entry of the allow-list: what the agent does when the server asks for the action's name. */
export const AgentActionSchema = z.discriminatedUnion(
  'kind',
  [
    /** Restarts one of the services listed under `services`. */
    z.strictObject({ kind: z.literal('service-restart'), service: ServiceNameSchema }),
    /** Reboots the machine after `delay` (Windows: `shutdown /r /t`; Linux: `shutdown -r`). */
    z.strictObject({ kind: z.literal('reboot'), delay: DurationSchema.prefault('60s') }),
    /** Moves call recordings to the audio storage server (the archiver). */
    z
      .strictObject({
        kind: z.literal('archive'),
        source: z.string().min(1),
        dest: z.string().min(1),
        olderThan: DurationSchema.optional(),
        minFreePercent: z.number().gt(0).lt(100).optional(),
        minAge: DurationSchema.optional(),
        identityFile: z.string().min(1).optional(),
        hostKey: z.string().min(1).optional(),
        indexFile: z.string().min(1).optional(),
        concurrency: z.int().min(1).max(32).optional(),
      })
      .refine((a) => a.olderThan !== undefined || a.minFreePercent !== undefined, {
        error: 'an archive action needs olderThan, minFreePercent, or both',
      }),
    /** Runs one program with fixed arguments (no shell); exit code 0 is success. */
    z.strictObject({
      kind: z.literal('command'),
      path: z.string().min(1),
      args: z.array(z.string()).default([]),
      cwd: z.string().min(1).optional(),
    }),
  ],
  { error: 'expected kind: service-restart, reboot, archive or command' },
);
export type AgentAction = z.infer<typeof AgentActionSchema>;

/** The agent's configuration file (YAML or JSON). */
export const AgentConfigSchema = z
  .strictObject({
    /** Vigie's address, e.g. https://vigie.example.org */
    server: z.url({ protocol: /^https?$/, error: 'expected http(s)://HOST[:PORT]' }),
    token: z
      .string({ error: 'expected the vga_… token shown once at enrolment' })
      .startsWith(AGENT_TOKEN_PREFIX, { error: `expected the ${AGENT_TOKEN_PREFIX}… token shown at enrolment` }),
    agentId: IdSchema,
    /** The plan's assets this machine serves (the server's enrolment is authoritative). */
    assets: z.array(IdSchema).min(1, { error: 'name at least one asset of the plan' }),
    /** From a second (none sooner: the server would be flooded) to a day. */
    reportEvery: DurationSchema.refine((ms) => ms >= 1_000, { error: 'expected at least 1s' })
      .refine((ms) => ms <= 86_400_000, { error: 'expected at most 24h' })
      .prefault('1m'),
    /** Where the agent keeps reports waiting for the server, results and process ids. */
    stateDir: z.string().min(1).optional(),
    /** Reports kept on disk while the server is away; the oldest go first beyond this. */
    bufferLimit: z.int().min(10).max(1_000_000).default(10_000),
    /** A PEM file of the CA that signed Vigie's certificate, for an internal CA. */
    caFile: z.string().min(1).optional(),
    /** Mount points (Linux) or drive letters (Windows, `C:`) whose free space is reported. */
    disks: z.array(z.string().min(1)).default([]),
    services: z.array(WatchedServiceSchema).default([]),
    /** Report the USB mass-storage policy (evidence for the PCI DSS control). */
    usbStorage: z.boolean().default(true),
    /** Backup folders by name (`sql-nightly`): the newest file of each is reported, for freshness checks. */
    backups: z
      .record(IdSchema, WatchedBackupSchema)
      .refine((backups) => Object.keys(backups).length <= WATCHED_BACKUPS_MAX, {
        error: `at most ${WATCHED_BACKUPS_MAX} backup folders`,
      })
      .default({}),
    /** The only actions this agent performs, by name. */
    actions: z.record(IdSchema, AgentActionSchema).default({}),
  })
  .superRefine((config, ctx) => {
    const names = new Set<string>();
    for (const [i, service] of config.services.entries()) {
      if (names.has(service.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', i, 'name'],
          message: `service ${service.name} is listed twice`,
        });
      }
      names.add(service.name);
    }
    for (const [name, action] of Object.entries(config.actions)) {
      if (action.kind === 'service-restart' && !names.has(action.service)) {
        ctx.addIssue({
          code: 'custom',
          path: ['actions', name, 'service'],
          message: `action ${name} restarts ${action.service}, which is not listed under services`,
        });
      }
    }
  });
export type AgentConfig = z.infer<typeof AgentConfigSchema>;

// ─── Reports: agent → server ───

export const WATCHED_SERVICE_STATES = [
  'running',
  'stopped',
  'starting',
  'stopping',
  'paused',
  'missing',
  'unknown',
] as const;
export const WatchedServiceStateSchema = z.enum(WATCHED_SERVICE_STATES);
export type WatchedServiceState = z.infer<typeof WatchedServiceStateSchema>;

export const DiskReportSchema = z.union([
  z.strictObject({
    path: z.string().max(260),
    totalBytes: z.number().min(0),
    freeBytes: z.number().min(0),
    freePercent: z.number().min(0).max(100),
  }),
  z.strictObject({ path: z.string().max(260), error: z.string().max(500) }),
]);
export type DiskReport = z.infer<typeof DiskReportSchema>;

export const ServiceReportSchema = z.strictObject({
  name: z.string().max(128),
  driver: z.enum(['windows', 'systemd', 'process']),
  state: WatchedServiceStateSchema,
  detail: z.string().max(500),
});
export type ServiceReport = z.infer<typeof ServiceReportSchema>;

export const UsbStorageReportSchema = z.strictObject({
  state: z.enum(['disabled', 'enabled', 'unknown']),
  /** What the agent read, e.g. `USBSTOR Start = 4`, `blacklist usb-storage in /etc/modprobe.d/usb.conf`. */
  evidence: z.string().max(500),
});
export type UsbStorageReport = z.infer<typeof UsbStorageReportSchema>;

/** One look at the host: health, services, USB policy. */
export const AgentReportSchema = z.strictObject({
  id: z.uuid(),
  /** Numbered by the agent from 1, so a gap shows reports lost (the buffer overflowed). */
  seq: z.int().min(1),
  at: Epoch,
  agentId: IdSchema,
  hostname: z.string().max(255),
  platform: z.string().max(32),
  assets: z.array(IdSchema).max(100),
  intervalMs: z.int().min(1_000),
  uptimeMs: z.number().min(0),
  cpu: z.strictObject({
    cores: z.int().min(1),
    usedPercent: z.number().min(0).max(100).nullable(),
    load1: z.number().min(0).nullable(),
  }),
  memory: z.strictObject({
    totalBytes: z.number().min(0),
    availableBytes: z.number().min(0),
    usedPercent: z.number().min(0).max(100),
  }),
  disks: z.array(DiskReportSchema).max(64),
  services: z.array(ServiceReportSchema).max(128),
  usbStorage: UsbStorageReportSchema.nullable(),
  /** The newest file of each backup folder named in the configuration (absent from older agents' reports). */
  backups: z.array(BackupReportSchema).max(WATCHED_BACKUPS_MAX).default([]),
  /** The names in the agent's allow-list. */
  actions: z.array(IdSchema).max(200),
});
export type AgentReport = z.infer<typeof AgentReportSchema>;

export const AgentReportBatchSchema = z.strictObject({
  reports: z.array(AgentReportSchema).min(1).max(REPORT_BATCH_MAX),
});
export type AgentReportBatch = z.infer<typeof AgentReportBatchSchema>;

export const ReportsAcceptedSchema = z.object({
  accepted: z.int().describe('reports stored'),
  duplicates: z.int().describe('reports already received (sent again after a lost answer): ignored'),
});
export type ReportsAccepted = z.infer<typeof ReportsAcceptedSchema>;

// ─── Work: server → agent (long poll) ───

export const WorkQuerySchema = z.strictObject({
  wait: z.coerce.number().int().min(0).max(60).default(25).describe('seconds to wait for work before answering 204'),
});

/** A task: the name of an action of the agent's allow-list, never a command line. */
export const AgentTaskSchema = z.strictObject({
  id: z.string().min(1).max(64),
  action: IdSchema,
  timeoutMs: z.int().min(TASK_TIMEOUT_MIN_MS).max(TASK_TIMEOUT_MAX_MS),
});
export type AgentTask = z.infer<typeof AgentTaskSchema>;

export const WorkResponseSchema = z.strictObject({ tasks: z.array(AgentTaskSchema).min(1).max(50) });
export type WorkResponse = z.infer<typeof WorkResponseSchema>;

// ─── Task results: agent → server ───

export const TASK_RESULT_STATUSES = ['succeeded', 'failed', 'refused', 'timeout'] as const;
export const TaskResultStatusSchema = z.enum(TASK_RESULT_STATUSES);
export type TaskResultStatus = z.infer<typeof TaskResultStatusSchema>;

export const AgentTaskResultSchema = z.strictObject({
  status: TaskResultStatusSchema,
  exitCode: z.int().nullable(),
  /** stdout and stderr, bounded: the start and the end when longer. */
  output: z.string().max(TASK_OUTPUT_LIMIT),
  outputTruncated: z.boolean(),
  /** What happened, in one sentence (`unknown action format-disk: not in this agent's allow-list`). */
  message: z.string().max(1_000),
  startedAt: Epoch,
  finishedAt: Epoch,
});
export type AgentTaskResult = z.infer<typeof AgentTaskResultSchema>;

export const TASK_STATUSES = ['queued', 'sent', ...TASK_RESULT_STATUSES] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

export const TaskResultAcceptedSchema = z.object({ id: z.string(), status: TaskStatusSchema });

// ─── Administration ───

export const EnrolAgentRequestSchema = z.strictObject({
  id: IdSchema.max(64).describe('the agentId written in the agent configuration, e.g. hmp-principal'),
  name: TextSchema.max(200),
  assets: z.array(IdSchema).min(1).max(100).describe("the plan's assets this agent serves"),
});
export type EnrolAgentRequest = z.infer<typeof EnrolAgentRequestSchema>;

export const AGENT_STATUSES = ['never-reported', 'reporting', 'silent', 'revoked'] as const;

export const AgentViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  assets: z.array(z.string()),
  enrolledBy: z.string(),
  enrolledAt: Epoch,
  lastSeenAt: Epoch.nullable(),
  lastReportAt: Epoch.nullable(),
  reportIntervalMs: z.number().nullable(),
  revokedAt: Epoch.nullable(),
  status: z.enum(AGENT_STATUSES),
  hostname: z.string().nullable(),
});
export type AgentView = z.infer<typeof AgentViewSchema>;

export const EnrolledAgentSchema = z.object({
  agent: AgentViewSchema,
  token: z.string().describe('shown once: put it in the agent configuration'),
});

export const AgentTaskViewSchema = z.object({
  id: z.string(),
  agentId: z.string(),
  assetId: z.string(),
  action: z.string(),
  timeoutMs: z.number(),
  ref: z.string().nullable(),
  status: TaskStatusSchema,
  queuedBy: z.string(),
  queuedAt: Epoch,
  sentAt: Epoch.nullable(),
  finishedAt: Epoch.nullable(),
  exitCode: z.number().nullable(),
  output: z.string().nullable(),
  outputTruncated: z.boolean(),
  message: z.string().nullable(),
});
export type AgentTaskView = z.infer<typeof AgentTaskViewSchema>;

/** A plan check fed by this agent's reports, judged on the latest one. */
export const AgentCheckViewSchema = z.object({
  checkId: z.string(),
  name: z.string(),
  status: z.enum(['up', 'degraded', 'down']),
  message: z.string(),
  at: Epoch,
});
export type AgentCheckView = z.infer<typeof AgentCheckViewSchema>;

export const AgentDetailSchema = AgentViewSchema.extend({
  lastReport: AgentReportSchema.nullable(),
  checks: z.array(AgentCheckViewSchema),
  tasks: z.array(AgentTaskViewSchema),
});
export type AgentDetail = z.infer<typeof AgentDetailSchema>;

export const QueueAgentTaskRequestSchema = z.strictObject({
  assetId: IdSchema.describe('the agent serving this asset runs the action'),
  action: IdSchema.describe("a name of that agent's allow-list"),
  timeoutMs: z.int().min(TASK_TIMEOUT_MIN_MS).max(TASK_TIMEOUT_MAX_MS).default(600_000),
  ref: z.string().min(1).max(200).optional(),
});

// ─── Plan checks with `probe: agent` ───

/** The options of a plan check fed by agents' reports (`probe: agent`); at least one criterion. */
export const AgentCheckOptionsSchema = z
  .strictObject({
    /** A disk the agent reports (`C:`, `/var`), judged by its free space. */
    disk: z.string().min(1).optional(),
    /** Down under this free space. */
    minFreePercent: z.number().min(0).max(100).optional(),
    /** Degraded under this free space. */
    warnFreePercent: z.number().min(0).max(100).optional(),
    /** A service the agent watches: down unless running. */
    service: z.string().min(1).optional(),
    /** The USB mass-storage policy expected (PCI DSS: disabled). */
    usbStorage: z.enum(['disabled', 'enabled'], { error: 'expected disabled or enabled' }).optional(),
    /** Degraded above this memory use. */
    maxMemoryPercent: z.number().min(0).max(100).optional(),
    /** Degraded above this CPU use. */
    maxCpuPercent: z.number().min(0).max(100).optional(),
    /** A backup folder named under `backups` in the agent's configuration, judged by its newest file. */
    backup: IdSchema.optional(),
    /** Down when the newest backup file is older than this (`26h` for a nightly backup). */
    maxAge: DurationSchema.optional(),
    /** Down when the newest backup file is smaller than this (`1GB`, `500MB`, or bytes). */
    minSize: ByteSizeSchema.optional(),
  })
  .refine(
    (o) =>
      o.disk !== undefined ||
      o.service !== undefined ||
      o.usbStorage !== undefined ||
      o.maxMemoryPercent !== undefined ||
      o.maxCpuPercent !== undefined ||
      o.backup !== undefined,
    { error: 'an agent check needs disk, service, usbStorage, maxMemoryPercent, maxCpuPercent or backup' },
  )
  .refine((o) => o.disk !== undefined || (o.minFreePercent === undefined && o.warnFreePercent === undefined), {
    error: 'minFreePercent and warnFreePercent need a disk',
  })
  .refine((o) => o.backup !== undefined || (o.maxAge === undefined && o.minSize === undefined), {
    error: 'maxAge and minSize need a backup (a folder named under backups in the agent configuration)',
  })
  .refine((o) => o.backup === undefined || o.maxAge !== undefined, {
    error: 'a backup check needs maxAge: how old the newest backup may be, e.g. 26h for a nightly backup',
  });
export type AgentCheckOptions = z.infer<typeof AgentCheckOptionsSchema>;
