import type { Job } from '../incidents/records';
import type { Clock, Randomness, Store } from '../ports';
import { isTaskFinished, RESULT_GRACE_MS } from './model';
import { scheduleTaskDone } from './record-task-result';

/**
 * Runs an `agent.task-timeout` job: a task still without a result past its time limit (from
 * when it was sent, or queued if never sent) and a grace becomes `timeout`, and
 * `agent.task-done` is scheduled. Done in one transaction with the job, so it happens once.
 */
export async function expireAgentTask(
  ports: { store: Store; clock: Clock; random: Randomness },
  job: Job,
): Promise<void> {
  const taskId = String(job.payload['taskId']);
  const now = ports.clock.now();
  await ports.store.transaction(async (tx) => {
    const task = await tx.agentTasks.findById(taskId);
    if (task && !isTaskFinished(task)) {
      const deadline = (task.sentAt ?? task.queuedAt) + task.timeoutMs + RESULT_GRACE_MS;
      if (now >= deadline) {
        const never = task.status === 'queued';
        const finished = await tx.agentTasks.finish(task.id, {
          status: 'timeout',
          finishedAt: now,
          exitCode: null,
          output: null,
          outputTruncated: false,
          message: never
            ? `agent ${task.agentId} did not pick the task up within ${Math.round(task.timeoutMs / 1000)} s`
            : `no result from agent ${task.agentId} within ${Math.round(task.timeoutMs / 1000)} s`,
        });
        if (finished) await scheduleTaskDone(tx, ports.random, task.id, now);
      }
    }
    await tx.jobs.complete(job.id, now);
  });
}
