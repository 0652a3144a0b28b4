export const RUNBOOK_KINDS = ['threat', 'failover', 'failback'] as const;
/** Which of the plan's runbooks: the threat's own, or the redundant site's failover and failback. */
export type RunbookKind = (typeof RUNBOOK_KINDS)[number];

export type RunStatus = 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';

/** A runbook being carried out for an incident. */
export interface RunbookRun {
  id: string;
  incidentId: string;
  kind: RunbookKind;
  title: string;
  status: RunStatus;
  startedAt: number;
  finishedAt: number | null;
  startedBy: string;
}

export type StepStatus =
  'pending' | 'awaiting-approval' | 'awaiting-person' | 'running' | 'succeeded' | 'failed' | 'skipped';

/** One step of a run: a manual step a person ticks, or a named action an agent performs. */
export interface RunbookStepRecord {
  runId: string;
  index: number;
  title: string;
  kind: 'manual' | 'action';
  /** For a manual step: what to do, in the plan's words. */
  instructions: string | null;
  action: string | null;
  assetId: string | null;
  approval: boolean;
  approvedBy: string | null;
  timeoutMs: number;
  retries: number;
  status: StepStatus;
  attempts: number;
  taskId: string | null;
  output: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  doneBy: string | null;
}

export function isStepOver(status: StepStatus): boolean {
  return status === 'succeeded' || status === 'skipped' || status === 'failed';
}

export interface RunbookRepository {
  insertRun(run: RunbookRun, steps: RunbookStepRecord[]): Promise<void>;
  updateRun(run: RunbookRun): Promise<void>;
  updateStep(step: RunbookStepRecord): Promise<void>;
  findRun(id: string): Promise<RunbookRun | undefined>;
  steps(runId: string): Promise<RunbookStepRecord[]>;
  runsForIncident(incidentId: string): Promise<RunbookRun[]>;
  /** The step waiting for this agent task, if any. */
  stepForTask(taskId: string): Promise<RunbookStepRecord | undefined>;
}
