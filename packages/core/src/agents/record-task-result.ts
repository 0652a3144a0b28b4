import { AgentTaskResultSchema, type AgentTaskResult, type TaskStatus } from '@vigie/contract';
import { recordAudit } from '../audit/record-audit';
import { conflict, notFound } from '../errors';
import type { AgentTaskRecord, Clock, Randomness, Repositories, Store } from '../ports';
import { agentActor, isTaskFinished, TASK_OUTPUT_STORED, type AgentIdentity } from './model';

/** Schedules the `agent.task-done` job (payload `{ taskId }`) that tells the runbook a task ended. */
export async function scheduleTaskDone(
  tx: Repositories,
  random: Randomness,
  taskId: string,
  now: number,
): Promise<void> {
  await tx.jobs.schedule({
    id: random.id(),
    key: `agent.task-done:${taskId}`,
    kind: 'agent.task-done',
    incidentId: null,
    runAt: now,
    payload: { taskId },
    createdAt: now,
  });
}

/**
 * Records what an agent did with a task, and schedules `agent.task-done` in the same
 * transaction. An action the agent refused (not in its allow-list) is written to the audit log
 * as `agent.action-refused`. The same result sent again (after a lost answer) changes nothing.
 */
export async function recordTaskResult(
  ports: { store: Store; clock: Clock; random: Randomness },
  agent: AgentIdentity,
  taskId: string,
  input: AgentTaskResult,
): Promise<{ id: string; status: TaskStatus }> {
  const result = AgentTaskResultSchema.parse(input);
  const now = ports.clock.now();
  return ports.store.transaction(async (tx) => {
    const task: AgentTaskRecord | undefined = await tx.agentTasks.findById(taskId);
    if (!task || task.agentId !== agent.id) throw notFound(`no task ${taskId} for agent ${agent.id}`);
    if (isTaskFinished(task)) {
      if (task.status === result.status) return { id: task.id, status: task.status };
      throw conflict(`task ${taskId} already ended: ${task.status}`);
    }
    if (task.status === 'queued') throw conflict(`task ${taskId} was never sent to the agent`);
    await tx.agentTasks.finish(task.id, {
      status: result.status,
      finishedAt: Math.min(result.finishedAt, now),
      exitCode: result.exitCode,
      output: result.output.slice(0, TASK_OUTPUT_STORED),
      outputTruncated: result.outputTruncated || result.output.length > TASK_OUTPUT_STORED,
      message: result.message,
    });
    if (result.status === 'refused') {
      await recordAudit(tx, now, agentActor(agent), 'agent.action-refused', `agent-task:${task.id}`, {
        agentId: agent.id,
        action: task.action,
        assetId: task.assetId,
        queuedBy: task.queuedBy,
        message: result.message,
      });
    }
    await scheduleTaskDone(tx, ports.random, task.id, now);
    return { id: task.id, status: result.status };
  });
}
