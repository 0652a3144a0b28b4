import type { RunbookStep } from '@vigie/contract';
import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { conflict, forbidden, precondition } from '../errors';
import type { EngineContext } from '../incidents/context';
import type { IncidentWork } from '../incidents/incident-work';
import { withIncident } from '../incidents/with-incident';
import { advanceRun } from './advance-run';
import type { RunbookKind, RunbookRun, RunbookStepRecord } from './model';

function stepsOf(w: IncidentWork, kind: RunbookKind): { title: string; steps: RunbookStep[] } {
  if (kind === 'threat') {
    const threat = w.threat;
    if (!threat?.runbook.length) throw precondition(`the threat "${w.incident.threatId}" has no runbook in the plan`);
    return { title: `Runbook : ${threat.title}`, steps: threat.runbook };
  }
  const redundancy = w.plan.redundancy;
  const steps = kind === 'failover' ? redundancy?.failover : redundancy?.failback;
  if (!redundancy || !steps?.length) throw precondition(`the plan has no ${kind} runbook for a redundant site`);
  return {
    title: kind === 'failover' ? `Bascule vers le site ${redundancy.site}` : `Retour depuis le site ${redundancy.site}`,
    steps,
  };
}

/**
 * Starts one of the plan's runbooks for an incident, inside the caller's work; at most one
 * run of each kind is under way per incident.
 */
export async function startRunbookIn(w: IncidentWork, kind: RunbookKind): Promise<RunbookRun> {
  const ongoing = (await w.tx.runbooks.runsForIncident(w.incident.id)).find(
    (r) => r.kind === kind && (r.status === 'running' || r.status === 'waiting'),
  );
  if (ongoing) throw conflict(`a ${kind} runbook is already under way for this incident`);
  const { title, steps } = stepsOf(w, kind);
  const run: RunbookRun = {
    id: w.random.id(),
    incidentId: w.incident.id,
    kind,
    title,
    status: 'running',
    startedAt: w.now,
    finishedAt: null,
    startedBy: w.actorLabel(),
  };
  const records: RunbookStepRecord[] = steps.map((step, index) => ({
    runId: run.id,
    index,
    title: step.title,
    kind: step.action ? 'action' : 'manual',
    instructions: step.manual ?? null,
    action: step.action ?? null,
    assetId: step.on ?? null,
    approval: step.approval,
    approvedBy: null,
    timeoutMs: step.timeout,
    retries: step.retries,
    status: 'pending',
    attempts: 0,
    taskId: null,
    output: null,
    startedAt: null,
    finishedAt: null,
    doneBy: null,
  }));
  await w.tx.runbooks.insertRun(run, records);
  await w.log('action', `${title}: started (${records.length} steps)`, { runId: run.id, kind }, `runbook:${kind}`);
  return advanceRun(w, run);
}

/** Starts one of the plan's runbooks for an incident: the threat's own, the failover or the failback. */
export async function startRunbook(
  ctx: EngineContext,
  actor: Actor,
  incidentId: string,
  kind: RunbookKind,
): Promise<RunbookRun> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot start runbooks');
  return withIncident(ctx, actor, incidentId, async (w) => {
    const run = await startRunbookIn(w, kind);
    await recordAudit(w.tx, w.now, actor, 'runbook.start', `incident:${incidentId}`, { runId: run.id, kind });
    return run;
  });
}
