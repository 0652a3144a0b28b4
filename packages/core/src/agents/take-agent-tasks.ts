import type { AgentTask } from '@vigie/contract';
import type { Clock, Randomness, Store } from '../ports';
import { RESULT_GRACE_MS } from './model';

/**
 * Hands a polling agent its queued tasks, oldest first, marking them sent; each must have its
 * result within its time limit (and a grace) or it becomes `timeout`. A task is sent once:
 * an agent that crashes after taking it does not run it twice.
 */
export async function takeAgentTasks(
  ports: { store: Store; clock: Clock; random: Randomness },
  agentId: string,
  limit = 10,
): Promise<AgentTask[]> {
  const now = ports.clock.now();
  return ports.store.transaction(async (tx) => {
    const taken: AgentTask[] = [];
    for (const task of await tx.agentTasks.queued(agentId, limit)) {
      if (!(await tx.agentTasks.markSent(task.id, now))) continue;
      await tx.jobs.schedule({
        id: ports.random.id(),
        key: `agent.task-timeout:${task.id}:sent`,
        kind: 'agent.task-timeout',
        incidentId: null,
        runAt: now + task.timeoutMs + RESULT_GRACE_MS,
        payload: { taskId: task.id },
        createdAt: now,
      });
      taken.push({ id: task.id, action: task.action, timeoutMs: task.timeoutMs });
    }
    return taken;
  });
}
