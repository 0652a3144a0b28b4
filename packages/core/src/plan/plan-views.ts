import { classOfTarget, formatDuration, type Plan, type ThreatDefinition, type ThreatView } from '@vigie/contract';

/** The clients a threat concerns: those it names, else every client of the plan. */
export function clientsOfThreat(plan: Plan, threat: ThreatDefinition): string[] {
  return threat.clients ?? plan.clients.map((client) => client.id);
}

/** A threat as the catalogue shows it: the plan's words plus the derived class. */
export function toThreatView(plan: Plan, threat: ThreatDefinition): ThreatView {
  return {
    id: threat.id,
    title: threat.title,
    symptoms: threat.symptoms ?? null,
    causes: threat.causes,
    solution: threat.solution,
    targetMs: threat.target ?? null,
    target: threat.target === undefined ? null : formatDuration(threat.target),
    targetText: threat.targetText ?? null,
    class: classOfTarget(threat.target, threat.class),
    severity: threat.severity,
    assets: threat.assets,
    clients: clientsOfThreat(plan, threat),
    detect: threat.detect,
    runbook: threat.runbook.map((step) => ({
      title: step.title,
      ...(step.manual !== undefined && { manual: step.manual }),
      ...(step.action !== undefined && { action: step.action }),
    })),
  };
}

/**
 * The part of the plan a client's user may see: its own client, the assets and threats
 * that concern it, and no other client's contacts.
 */
export function scopePlanForClient(plan: Plan, clientId: string): Plan {
  const concerns = (clients: string[] | undefined): boolean =>
    clients === undefined || clients.length === 0 || clients.includes(clientId);
  return {
    ...plan,
    clients: plan.clients.filter((client) => client.id === clientId),
    assets: plan.assets.filter((asset) => concerns(asset.clients)),
    threats: plan.threats.filter((threat) => concerns(threat.clients)),
  };
}
