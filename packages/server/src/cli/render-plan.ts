import { actionId, classOfTarget, formatDuration, type Plan } from '@vigie/contract';

const LABELS = {
  fr: {
    version: 'version',
    timezone: 'fuseau horaire',
    clients: 'Clients',
    sites: 'Sites',
    redundant: 'site de secours',
    threats: 'Menaces',
    type: "Type d'incident",
    causes: 'Causes possibles',
    solution: 'Solution',
    target: 'Temps de résolution',
    noTarget: 'non précisé',
    short: 'interruption à court terme (< 6 h)',
    long: 'interruption à long terme (> 6 h)',
    escalation: 'Escalade',
    after: 'au-delà de',
    closure: 'Clôture',
    signatories: 'Rapport signé par',
    redundancy: 'Plateforme redondante',
    rpo: 'perte de données admise',
    review: 'Revue du plan',
    every: 'tous les',
    atMost: 'au plus tard tous les',
    controls: 'Contrôles de sécurité',
    optional: 'si nécessaire',
    onCall: 'Astreintes',
    handover: 'relève tous les',
    from: 'à partir du',
    unacknowledged: 'Sans prise en charge',
  },
  en: {
    version: 'version',
    timezone: 'time zone',
    clients: 'Clients',
    sites: 'Sites',
    redundant: 'redundant site',
    threats: 'Threats',
    type: 'Incident type',
    causes: 'Possible causes',
    solution: 'Solution',
    target: 'Resolution time',
    noTarget: 'not given',
    short: 'short interruption (< 6 h)',
    long: 'long interruption (> 6 h)',
    escalation: 'Escalation',
    after: 'beyond',
    closure: 'Closure',
    signatories: 'Report signed by',
    redundancy: 'Redundant platform',
    rpo: 'accepted data loss',
    review: 'Plan review',
    every: 'every',
    atMost: 'at the latest every',
    controls: 'Security controls',
    optional: 'if needed',
    onCall: 'On call',
    handover: 'hands over every',
    from: 'from',
    unacknowledged: 'Not acknowledged',
  },
} as const;

/** The plan as text a manager reads in a terminal, in the plan's own language. */
export function renderPlan(plan: Plan, versionNumber?: number): string {
  const t = LABELS[plan.language];
  const lines: string[] = [];
  const heading = (title: string): void => {
    lines.push('', title, '-'.repeat(title.length));
  };
  lines.push(`${plan.title} — ${plan.organisation}`);
  lines.push(
    [versionNumber !== undefined ? `${t.version} ${versionNumber}` : undefined, `${t.timezone} ${plan.timezone}`]
      .filter(Boolean)
      .join(', '),
  );

  heading(t.clients);
  for (const client of plan.clients) {
    lines.push(`${client.name} (${client.id})`);
    for (const c of client.contacts)
      lines.push(`  - ${c.name}${c.email ? ` <${c.email}>` : ''}${c.example ? ' [exemple]' : ''}`);
  }

  heading(t.sites);
  for (const site of plan.sites) lines.push(`${site.name} (${site.id})${site.redundant ? ` — ${t.redundant}` : ''}`);

  if (plan.onCall.length) {
    heading(t.onCall);
    const name = (id: string) => plan.team.find((member) => member.id === id)?.name ?? id;
    for (const schedule of plan.onCall) {
      lines.push(`${schedule.title}  [${schedule.id}]`);
      lines.push(
        `  ${t.handover} ${formatDuration(schedule.every)}, ${t.from} ${schedule.from}: ${schedule.people.map(name).join(' → ')}`,
      );
    }
    for (const step of plan.communication.unacknowledged)
      lines.push(`${t.unacknowledged}, ${t.after} ${formatDuration(step.after)}: ${step.to.join(', ')}`);
  }

  heading(t.threats);
  for (const threat of plan.threats) {
    const cls = classOfTarget(threat.target, threat.class);
    const target = threat.targetText ?? (threat.target !== undefined ? formatDuration(threat.target) : t.noTarget);
    lines.push(`${threat.title}  [${threat.id}]`);
    lines.push(`  ${t.causes}: ${threat.causes}`);
    lines.push(`  ${t.solution}: ${threat.solution}`);
    lines.push(`  ${t.target}: ${target} — ${cls === 'short' ? t.short : t.long}`);
  }

  if (plan.escalation.length) {
    heading(t.escalation);
    for (const step of plan.escalation) {
      lines.push(`${t.after} ${formatDuration(step.after)}: ${step.title}  [${step.id}]`);
      for (const action of step.actions) {
        const every = 'every' in action ? ` (${t.every} ${formatDuration(action.every)})` : '';
        lines.push(`  - ${action.title ?? action.do}${every}  [${actionId(action)}]`);
      }
    }
  }

  if (plan.closure) {
    heading(t.closure);
    lines.push(`- ${plan.closure.notify.title ?? 'notify'}: ${plan.closure.notify.to.join(', ')}`);
    lines.push(`- ${t.signatories}: ${plan.closure.report.signatories.map((s) => s.party).join(', ')}`);
  }

  if (plan.redundancy) {
    heading(`${t.redundancy} (${plan.redundancy.site})`);
    for (const sync of plan.redundancy.sync) {
      lines.push(
        `- ${sync.data}: ${sync.method}, ${t.every} ${formatDuration(sync.every)}, ${t.rpo} ${formatDuration(sync.rpo)}`,
      );
    }
  }

  if (plan.review) {
    heading(t.review);
    const atMost = plan.review.atMost ? `, ${t.atMost} ${formatDuration(plan.review.atMost)}` : '';
    lines.push(`${t.every} ${formatDuration(plan.review.every)}${atMost}`);
    plan.review.phases.forEach((phase, i) => {
      lines.push(`${i + 1}. ${phase.title}`);
      for (const step of phase.steps) lines.push(`   - ${step}`);
    });
  }

  if (plan.controls.length) {
    heading(t.controls);
    for (const control of plan.controls) lines.push(`- ${control.title}${control.optional ? ` (${t.optional})` : ''}`);
  }
  return lines.join('\n');
}
