import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { conflict, forbidden, notFound } from '../errors';
import type { EngineContext } from '../incidents/context';
import type { IncidentWork } from '../incidents/incident-work';
import { withIncident } from '../incidents/with-incident';
import { advanceRun, dispatch } from './advance-run';
import type { RunbookRun, RunbookStepRecord, StepStatus } from './model';

export type StepDecision = 'approve' | 'done' | 'skip' | 'retry';

const ALLOWED: Record<StepDecision, StepStatus[]> = {
  approve: ['awaiting-approval'],
  done: ['awaiting-person'],
  skip: ['awaiting-person', 'awaiting-approval', 'failed', 'pending'],
  retry: ['failed'],
};

async function locate(
  w: IncidentWork,
  runId: string,
  index: number,
): Promise<{ run: RunbookRun; step: RunbookStepRecord }> {
  const run = await w.tx.runbooks.findRun(runId);
  if (!run || run.incidentId !== w.incident.id) throw notFound(`no runbook ${runId} on this incident`);
  const step = (await w.tx.runbooks.steps(runId)).find((s) => s.index === index);
  if (!step) throw notFound(`no step ${index} in this runbook`);
  return { run, step };
}

/**
 * A person acts on a step: approves an action, ticks a manual step as done, skips a
 * step, or retries a failed one. The run then moves on by itself.
 */
export async function decideStep(
  ctx: EngineContext,
  actor: Actor,
  input: { incidentId: string; runId: string; index: number; decision: StepDecision; note?: string | undefined },
): Promise<RunbookRun> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot act on runbooks');
  return withIncident(ctx, actor, input.incidentId, async (w) => {
    const { run, step } = await locate(w, input.runId, input.index);
    if (run.status === 'cancelled' || run.status === 'succeeded') throw conflict(`this runbook is ${run.status}`);
    if (!ALLOWED[input.decision].includes(step.status))
      throw conflict(`step ${step.index + 1} is ${step.status}: it cannot be ${input.decision}d`);
    const who = w.actorLabel();
    const note = input.note?.trim() ? ` — ${input.note.trim()}` : '';
    let current: RunbookRun = run.status === 'failed' ? { ...run, status: 'running', finishedAt: null } : run;
    if (current !== run) await w.tx.runbooks.updateRun(current);
    switch (input.decision) {
      case 'approve':
        await w.log(
          'action',
          `${run.title} — approved by ${who}: ${step.title}${note}`,
          { runId: run.id, step: step.index, decision: 'approve' },
          `runbook:${run.kind}`,
        );
        current = await dispatch(w, current, { ...step, approvedBy: who });
        break;
      case 'done':
        await w.tx.runbooks.updateStep({
          ...step,
          status: 'succeeded',
          finishedAt: w.now,
          doneBy: who,
          output: input.note?.trim() || step.output,
        });
        await w.log(
          'action',
          `${run.title} — done by ${who}: ${step.title}${note}`,
          { runId: run.id, step: step.index, decision: 'done' },
          `runbook:${run.kind}`,
        );
        current = await advanceRun(w, current);
        break;
      case 'skip':
        await w.tx.runbooks.updateStep({ ...step, status: 'skipped', finishedAt: w.now, doneBy: who });
        await w.log(
          'action',
          `${run.title} — skipped by ${who}: ${step.title}${note}`,
          { runId: run.id, step: step.index, decision: 'skip' },
          `runbook:${run.kind}`,
        );
        current = await advanceRun(w, current);
        break;
      case 'retry':
        await w.log(
          'action',
          `${run.title} — retried by ${who}: ${step.title}`,
          { runId: run.id, step: step.index, decision: 'retry' },
          `runbook:${run.kind}`,
        );
        current = await dispatch(w, current, { ...step, status: 'pending', attempts: 0 });
        break;
    }
    await recordAudit(w.tx, w.now, actor, `runbook.${input.decision}`, `incident:${input.incidentId}`, {
      runId: run.id,
      step: step.index,
    });
    return current;
  });
}

/** Stops a run: its steps are left as they are, nothing more is asked of the agents. */
export async function cancelRun(
  ctx: EngineContext,
  actor: Actor,
  incidentId: string,
  runId: string,
): Promise<RunbookRun> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot act on runbooks');
  return withIncident(ctx, actor, incidentId, async (w) => {
    const run = await w.tx.runbooks.findRun(runId);
    if (!run || run.incidentId !== incidentId) throw notFound(`no runbook ${runId} on this incident`);
    if (run.status === 'succeeded' || run.status === 'cancelled')
      throw conflict(`this runbook is already ${run.status}`);
    const cancelled = { ...run, status: 'cancelled' as const, finishedAt: w.now };
    await w.tx.runbooks.updateRun(cancelled);
    await w.log(
      'action',
      `${run.title}: cancelled by ${w.actorLabel()}`,
      { runId, status: 'cancelled' },
      `runbook:${run.kind}`,
    );
    await recordAudit(w.tx, w.now, actor, 'runbook.cancel', `incident:${incidentId}`, { runId });
    return cancelled;
  });
}
