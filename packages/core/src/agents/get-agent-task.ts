import type { AgentTaskView } from '@vigie/contract';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { forbidden, notFound } from '../errors';
import type { Store } from '../ports';
import { toTaskView } from './model';

/** One task and its outcome so far. */
export async function getAgentTask(ports: { store: Store }, actor: Actor, taskId: string): Promise<AgentTaskView> {
  if (!hasRole(actor, CAN.readInternal)) throw forbidden('agent tasks are for the contact centre’s staff');
  const task = await ports.store.transaction((tx) => tx.agentTasks.findById(taskId));
  if (!task) throw notFound(`no agent task ${taskId}`);
  return toTaskView(task);
}
