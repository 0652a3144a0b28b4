import { SYSTEM_ACTOR } from '../auth/roles';
import type { EngineContext } from '../incidents/context';
import type { Job } from '../incidents/records';
import { withIncident } from '../incidents/with-incident';
import { advanceRun, dispatch } from './advance-run';

const OUTPUT_IN_TIMELINE = 2_000;

/**
 * An agent finished (or timed out on) a runbook step's action: the step succeeds and the
 * run moves on, or it is retried as the plan allows, or the run stops on it.
 */
export async function onAgentTaskDone(ctx: EngineContext, job: Job): Promise<void> {
  const taskId = String(job.payload['taskId']);
  const located = await ctx.store.transaction(async (tx) => {
    const step = await tx.runbooks.stepForTask(taskId);
    const run = step && (await tx.runbooks.findRun(step.runId));
    return step && run ? { step, run } : undefined;
  });
  if (!located) {
    // A task asked for outside a runbook (by hand, through the API): nothing to move on.
    await ctx.store.transaction((tx) => tx.jobs.complete(job.id, ctx.clock.now()));
    return;
  }
  await withIncident(ctx, SYSTEM_ACTOR, located.run.incidentId, async (w) => {
    const task = await w.tx.agentTasks.findById(taskId);
    const step = await w.tx.runbooks.stepForTask(taskId);
    const run = await w.tx.runbooks.findRun(located.run.id);
    if (!task || !step || !run || step.status !== 'running' || run.status === 'cancelled') {
      await w.tx.jobs.complete(job.id, w.now);
      return;
    }
    const output = [task.message, task.output].filter(Boolean).join('\n').slice(0, OUTPUT_IN_TIMELINE);
    const tag = `runbook:${run.kind}`;
    if (task.status === 'succeeded') {
      await w.tx.runbooks.updateStep({ ...step, status: 'succeeded', output, finishedAt: w.now, doneBy: 'agent' });
      await w.log(
        'action',
        `${run.title} — ${step.title}: succeeded`,
        { runId: run.id, step: step.index, taskId, status: 'succeeded', exitCode: task.exitCode, output },
        tag,
      );
      await advanceRun(w, run);
    } else if (step.attempts <= step.retries) {
      await w.log(
        'action',
        `${run.title} — ${step.title}: ${task.status}, retrying (${step.attempts}/${step.retries + 1})`,
        { runId: run.id, step: step.index, taskId, status: task.status, output },
        tag,
      );
      await dispatch(w, run, step);
    } else {
      await w.tx.runbooks.updateStep({ ...step, status: 'failed', output, finishedAt: w.now });
      await w.log(
        'action',
        `${run.title} — ${step.title}: ${task.status}`,
        { runId: run.id, step: step.index, taskId, status: 'failed', taskStatus: task.status, output },
        tag,
      );
      await advanceRun(w, run);
    }
    await w.tx.jobs.complete(job.id, w.now);
  });
}
