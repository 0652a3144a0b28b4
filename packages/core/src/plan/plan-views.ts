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
 * The part of the plan a client's user may see: its own client and contacts, the assets
 * that serve it (without their addresses), the threats that concern it, the team's
 * names and emails (not their phones) — nothing of other clients, nothing internal.
 */
export function scopePlanForClient(plan: Plan, clientId: string): Plan {
  const assets = plan.assets
    .filter((asset) => asset.clients.includes(clientId))
    .map(({ host: _host, ...asset }) => ({ ...asset, dependsOn: [] }));
  const visible = new Set(assets.map((a) => a.id));
  return {
    ...plan,
    clients: plan.clients.filter((client) => client.id === clientId),
    team: plan.team.map(({ phone: _phone, ...member }) => member),
    assets,
    checks: [],
    threats: plan.threats
      .filter((threat) => threat.clients === undefined || threat.clients.includes(clientId))
      .map((threat) => ({ ...threat, assets: threat.assets.filter((id) => visible.has(id)), detect: [], runbook: [] })),
    redundancy: undefined,
    maintenance: [],
    // Who is on call, and who is paged next, is the contact centre's own organisation.
    onCall: [],
    communication: { ...plan.communication, channels: [], notifyOnOpen: ['team'], unacknowledged: [] },
  };
}
