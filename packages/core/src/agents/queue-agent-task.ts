import { TASK_TIMEOUT_MAX_MS, TASK_TIMEOUT_MIN_MS } from '@vigie/contract';
import { recordAudit } from '../audit/record-audit';
import { SYSTEM_ACTOR, type Actor } from '../auth/roles';
import { invalid, precondition } from '../errors';
import type { AgentTaskRecord, Randomness, Repositories } from '../ports';
import type { AgentContext } from './context';
import { RESULT_GRACE_MS } from './model';

export interface QueueAgentTaskInput {
  /** The asset whose agent runs the action. */
  assetId: string;
  /** A name of that agent's allow-list. */
  action: string;
  timeoutMs: number;
  /** What asked for it (a runbook step, an incident…), kept with the task. */
  ref: string | null;
  /** Who asks; Vigie itself by default (a runbook step). */
  actor?: Actor | undefined;
}

/**
 * Queues a task inside the caller's transaction, for a caller that must queue it together with
 * its own changes; tell `ctx.agentWork` after the commit (or let the agent find it by polling).
 */
export async function queueAgentTaskIn(
  tx: Repositories,
  now: number,
  random: Randomness,
  input: QueueAgentTaskInput,
): Promise<AgentTaskRecord> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(input.action)) throw invalid(`"${input.action}" is not an action name`);
  if (
    !Number.isInteger(input.timeoutMs) ||
    input.timeoutMs < TASK_TIMEOUT_MIN_MS ||
    input.timeoutMs > TASK_TIMEOUT_MAX_MS
  ) {
    throw invalid(`a task's time limit is between ${TASK_TIMEOUT_MIN_MS} ms and ${TASK_TIMEOUT_MAX_MS} ms`);
  }
  const agents = await tx.agents.serving(input.assetId);
  if (agents.length === 0) {
    throw precondition(
      `no agent serves the asset ${input.assetId}: enrol one for it (POST /api/v1/agents) before asking for ${input.action}`,
    );
  }
  // Several agents for one asset: the one that reported last is the one most likely alive.
  const agent = [...agents].sort((a, b) => (b.lastReportAt ?? -1) - (a.lastReportAt ?? -1))[0]!;
  const actor = input.actor ?? SYSTEM_ACTOR;
  const task: AgentTaskRecord = {
    id: random.id(),
    agentId: agent.id,
    assetId: input.assetId,
    action: input.action,
    timeoutMs: input.timeoutMs,
    ref: input.ref,
    status: 'queued',
    queuedBy: actor.label,
    queuedAt: now,
    sentAt: null,
    finishedAt: null,
    exitCode: null,
    output: null,
    outputTruncated: false,
    message: null,
  };
  await tx.agentTasks.insert(task);
  // An agent that never picks the task up: it times out as if it had been sent at once.
  await tx.jobs.schedule({
    id: random.id(),
    key: `agent.task-timeout:${task.id}:queued`,
    kind: 'agent.task-timeout',
    incidentId: null,
    runAt: now + task.timeoutMs + RESULT_GRACE_MS,
    payload: { taskId: task.id },
    createdAt: now,
  });
  await recordAudit(tx, now, actor, 'agent-task.queue', `agent-task:${task.id}`, {
    agentId: agent.id,
    assetId: task.assetId,
    action: task.action,
    timeoutMs: task.timeoutMs,
    ref: task.ref,
  });
  return task;
}

/**
 * Asks the agent serving `assetId` to run the action named `action` of its own allow-list.
 * No agent serving the asset is a Precondition error. The agent is woken at once on this node.
 */
export async function queueAgentTask(ctx: AgentContext, input: QueueAgentTaskInput): Promise<AgentTaskRecord> {
  const now = ctx.clock.now();
  const task = await ctx.store.transaction((tx) => queueAgentTaskIn(tx, now, ctx.random, input));
  ctx.agentWork?.taskQueued(task.agentId);
  return task;
}
