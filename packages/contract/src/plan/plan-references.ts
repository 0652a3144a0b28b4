import { isRecipientGroup } from './common';
import { findDetectionProblems } from './detection-references';
import { actionId } from './escalation';
import type { Plan } from './plan-schema';

/** A problem found in a plan, at a path inside it. */
export interface PlanProblem {
  path: (string | number)[];
  message: string;
}

type Path = (string | number)[];

/** Finds duplicate ids and references to things the plan does not define. */
export function findPlanReferenceProblems(plan: Plan): PlanProblem[] {
  const problems: PlanProblem[] = [];

  const index = (section: Path, items: { id: string }[], label: string): Set<string> => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id))
        problems.push({ path: [...section, i, 'id'], message: `duplicate ${label} id "${item.id}"` });
      seen.add(item.id);
    });
    return seen;
  };

  const clients = index(['clients'], plan.clients, 'client');
  const sites = index(['sites'], plan.sites, 'site');
  const assets = index(['assets'], plan.assets, 'asset');
  const checks = index(['checks'], plan.checks, 'check');
  index(['threats'], plan.threats, 'threat');
  index(['controls'], plan.controls, 'control');
  index(['escalation'], plan.escalation, 'escalation step');

  const people = new Set<string>();
  const addPerson = (id: string, path: Path): void => {
    if (people.has(id))
      problems.push({ path, message: `duplicate person id "${id}" (team members and client contacts share ids)` });
    people.add(id);
  };
  plan.team.forEach((member, i) => addPerson(member.id, ['team', i, 'id']));
  plan.clients.forEach((client, c) =>
    client.contacts.forEach((contact, i) => addPerson(contact.id, ['clients', c, 'contacts', i, 'id'])),
  );

  const expect = (known: ReadonlySet<string>, id: string | undefined, path: Path, what: string): void => {
    if (id !== undefined && !known.has(id)) {
      const choices = [...known].slice(0, 12).join(', ');
      problems.push({ path, message: `unknown ${what} "${id}"${choices ? ` (known: ${choices})` : ''}` });
    }
  };
  const team = new Set(plan.team.map((member) => member.id));
  const schedules = index(['onCall'], plan.onCall, 'on-call schedule');
  plan.onCall.forEach((schedule, i) => {
    if (people.has(schedule.id) || isRecipientGroup(schedule.id))
      problems.push({
        path: ['onCall', i, 'id'],
        message: `on-call schedule id "${schedule.id}" is already the id of a ${people.has(schedule.id) ? 'person' : 'group of recipients'}`,
      });
    schedule.people.forEach((id, k) => expect(team, id, ['onCall', i, 'people', k], 'team member'));
  });
  const expectRecipient = (id: string, path: Path): void => {
    if (!isRecipientGroup(id) && !people.has(id) && !schedules.has(id)) {
      problems.push({
        path,
        message: `unknown recipient "${id}" (expected a group: client-it, client, crisis-cell, team, all-parties, the id of a person or of an on-call schedule)`,
      });
    }
  };

  if (!plan.sites.some((site) => !site.redundant)) {
    problems.push({ path: ['sites'], message: 'expected at least one site that is not the redundant one' });
  }

  plan.assets.forEach((asset, i) => {
    expect(sites, asset.site, ['assets', i, 'site'], 'site');
    asset.clients.forEach((id, j) => expect(clients, id, ['assets', i, 'clients', j], 'client'));
    asset.dependsOn.forEach((id, j) => {
      expect(assets, id, ['assets', i, 'dependsOn', j], 'asset');
      if (id === asset.id)
        problems.push({ path: ['assets', i, 'dependsOn', j], message: 'an asset cannot depend on itself' });
    });
  });
  plan.checks.forEach((check, i) => expect(assets, check.asset, ['checks', i, 'asset'], 'asset'));

  plan.threats.forEach((threat, i) => {
    threat.assets.forEach((id, j) => expect(assets, id, ['threats', i, 'assets', j], 'asset'));
    threat.clients?.forEach((id, j) => expect(clients, id, ['threats', i, 'clients', j], 'client'));
    problems.push(...findDetectionProblems(plan, i, { checks, sites, assets, clients }, expect));
    threat.runbook.forEach((step, j) => expect(assets, step.on, ['threats', i, 'runbook', j, 'on'], 'asset'));
    if (threat.target !== undefined && threat.class !== undefined) {
      problems.push({
        path: ['threats', i, 'class'],
        message: 'the class follows from the target (short up to 6h, long beyond): remove `class` or `target`',
      });
    }
  });

  const teamIds = new Set(plan.team.map((member) => member.id));
  plan.crisisCell?.members.forEach((member, i) =>
    expect(teamIds, member.who, ['crisisCell', 'members', i, 'who'], 'team member'),
  );

  const dutyIds = new Set<string>();
  plan.escalation.forEach((step, s) => {
    step.actions.forEach((action, a) => {
      const at: Path = ['escalation', s, 'actions', a];
      const id = actionId(action);
      if (dutyIds.has(id)) {
        problems.push({ path: [...at, 'do'], message: `duplicate duty id "${id}": give this action its own \`id:\`` });
      }
      dutyIds.add(id);
      if ('to' in action) action.to.forEach((r, k) => expectRecipient(r, [...at, 'to', k]));
      if (action.do === 'conference-call') action.with.forEach((r, k) => expectRecipient(r, [...at, 'with', k]));
      if (action.do === 'failover') expect(sites, action.site, [...at, 'site'], 'site');
      if (action.do === 'crisis-cell' && plan.crisisCell === undefined) {
        problems.push({
          path: [...at, 'do'],
          message: 'a crisis-cell action needs a `crisisCell:` section naming its members',
        });
      }
    });
  });
  const sorted = plan.escalation.every((step, i, all) => i === 0 || all[i - 1]!.after <= step.after);
  if (!sorted)
    problems.push({
      path: ['escalation'],
      message: 'escalation steps must be listed from the shortest delay to the longest',
    });

  if (plan.closure) {
    plan.closure.notify.to.forEach((r, k) => expectRecipient(r, ['closure', 'notify', 'to', k]));
    plan.closure.report.signatories.forEach((s, k) =>
      expectRecipient(s.who, ['closure', 'report', 'signatories', k, 'who']),
    );
  }

  if (plan.redundancy) {
    const r = plan.redundancy;
    expect(sites, r.site, ['redundancy', 'site'], 'site');
    const site = plan.sites.find((candidate) => candidate.id === r.site);
    if (site && !site.redundant) {
      problems.push({ path: ['redundancy', 'site'], message: `site "${r.site}" is not marked \`redundant: true\`` });
    }
    r.sync.forEach((policy, i) => expect(checks, policy.check, ['redundancy', 'sync', i, 'check'], 'check'));
    r.failover.forEach((step, i) => expect(assets, step.on, ['redundancy', 'failover', i, 'on'], 'asset'));
    r.failback.forEach((step, i) => expect(assets, step.on, ['redundancy', 'failback', i, 'on'], 'asset'));
  }

  plan.controls.forEach((control, i) => expect(checks, control.check, ['controls', i, 'check'], 'check'));
  plan.maintenance.forEach((window, i) => {
    expect(assets, window.asset, ['maintenance', i, 'asset'], 'asset');
    expect(sites, window.site, ['maintenance', i, 'site'], 'site');
  });

  plan.communication.notifyOnOpen.forEach((r, k) => expectRecipient(r, ['communication', 'notifyOnOpen', k]));
  plan.communication.unacknowledged.forEach((step, i) =>
    step.to.forEach((r, k) => expectRecipient(r, ['communication', 'unacknowledged', i, 'to', k])),
  );
  const channels = index(['communication', 'channels'], plan.communication.channels, 'channel');
  expect(channels, plan.communication.fallback, ['communication', 'fallback'], 'channel');

  return problems;
}
