import { queueAgentTaskIn } from '../agents/queue-agent-task';
import type { IncidentWork } from '../incidents/incident-work';
import { isStepOver, type RunbookRun, type RunbookStepRecord } from './model';

/** The reference an agent task carries back: which run and step asked for it. */
export function taskRef(step: Pick<RunbookStepRecord, 'runId' | 'index'>): string {
  return `runbook:${step.runId}:${step.index}`;
}

async function finish(w: IncidentWork, run: RunbookRun, status: 'succeeded' | 'failed'): Promise<void> {
  const done = { ...run, status, finishedAt: w.now };
  await w.tx.runbooks.updateRun(done);
  await w.log(
    'action',
    `${run.title}: ${status === 'succeeded' ? 'completed' : 'stopped on a failed step'}`,
    { runId: run.id, status },
    `runbook:${run.kind}`,
  );
  if (run.kind === 'failover' && status === 'succeeded') {
    for (const duty of await w.tx.duties.list(w.incident.id)) {
      if (duty.kind === 'failover' && duty.status !== 'done')
        await w.tx.duties.update({ ...duty, status: 'done', doneAt: w.now });
    }
  }
}

/**
 * Moves a run forward as far as it can go now: to the next step a person must tick or
 * approve, to an agent's action (queued, the run then waits for its result), or to its end.
 */
export async function advanceRun(w: IncidentWork, run: RunbookRun): Promise<RunbookRun> {
  const steps = await w.tx.runbooks.steps(run.id);
  if (steps.some((s) => s.status === 'failed')) {
    await finish(w, run, 'failed');
    return { ...run, status: 'failed' };
  }
  const step = steps.find((s) => !isStepOver(s.status));
  if (!step) {
    await finish(w, run, 'succeeded');
    return { ...run, status: 'succeeded' };
  }
  if (step.status === 'running' || step.status === 'awaiting-approval' || step.status === 'awaiting-person') {
    return setStatus(w, run, step.status === 'running' ? 'running' : 'waiting');
  }
  if (step.kind === 'manual') {
    await w.tx.runbooks.updateStep({ ...step, status: 'awaiting-person', startedAt: w.now });
    await w.log(
      'action',
      `${run.title} — to do: ${step.title}`,
      { runId: run.id, step: step.index, status: 'awaiting-person' },
      `runbook:${run.kind}`,
    );
    return setStatus(w, run, 'waiting');
  }
  if (step.approval && step.approvedBy === null) {
    await w.tx.runbooks.updateStep({ ...step, status: 'awaiting-approval' });
    await w.log(
      'action',
      `${run.title} — awaiting approval: ${step.title} (${step.action} on ${step.assetId})`,
      { runId: run.id, step: step.index, status: 'awaiting-approval' },
      `runbook:${run.kind}`,
    );
    return setStatus(w, run, 'waiting');
  }
  return dispatch(w, run, step);
}

/** Asks the agent of the step's asset for its named action. */
export async function dispatch(w: IncidentWork, run: RunbookRun, step: RunbookStepRecord): Promise<RunbookRun> {
  try {
    const task = await queueAgentTaskIn(w.tx, w.now, w.random, {
      assetId: step.assetId!,
      action: step.action!,
      timeoutMs: step.timeoutMs,
      ref: taskRef(step),
      actor: w.actor,
    });
    await w.tx.runbooks.updateStep({
      ...step,
      status: 'running',
      attempts: step.attempts + 1,
      taskId: task.id,
      startedAt: step.startedAt ?? w.now,
    });
    await w.log(
      'action',
      `${run.title} — ${step.title}: ${step.action} asked of the agent of ${step.assetId}`,
      { runId: run.id, step: step.index, taskId: task.id, attempt: step.attempts + 1, status: 'running' },
      `runbook:${run.kind}`,
    );
    return setStatus(w, run, 'running');
  } catch (error) {
    // No agent for the asset: the step cannot run by itself; a person must act or skip it.
    const reason = error instanceof Error ? error.message : String(error);
    await w.tx.runbooks.updateStep({ ...step, status: 'awaiting-person', output: reason, startedAt: w.now });
    await w.log(
      'action',
      `${run.title} — ${step.title}: cannot be run automatically (${reason}); do it by hand, then tick it`,
      { runId: run.id, step: step.index, status: 'awaiting-person' },
      `runbook:${run.kind}`,
    );
    return setStatus(w, run, 'waiting');
  }
}

async function setStatus(w: IncidentWork, run: RunbookRun, status: 'running' | 'waiting'): Promise<RunbookRun> {
  if (run.status === status) return run;
  const updated = { ...run, status };
  await w.tx.runbooks.updateRun(updated);
  return updated;
}
