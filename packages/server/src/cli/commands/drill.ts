import { probeCheckValidator } from '../../plan-checks';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatDuration, parseDuration, type Plan } from '@vigie/contract';
import { formatPlanError, loadPlan } from '@vigie/core';
import { runDrill, type DrillEntry } from '../../engine/drill';
import { PlanCatalog } from '../../plan-catalog';
import { CommandFailed, configOrExit, DB_OPTION_HELP, EXIT, terminal } from '../io';
import { withStore } from '../with-store';

function durationOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0)
    throw new CommandFailed(`${name}: "${text}" is not a duration such as 30m, 4h or 7h`, EXIT.usage);
  return ms;
}

function offset(ms: number): string {
  return `+${formatDuration(Math.round(ms / 60_000) * 60_000).replace(/^0s$/, '0m')}`;
}

/** One line per timeline entry: offset, kind, the plan's id, and what happened. */
export function renderDrillLine(entry: DrillEntry): string {
  const head = `${offset(entry.offsetMs).padEnd(8)} ${entry.kind.padEnd(13)} ${(entry.id ?? '').padEnd(24)}`;
  if (entry.kind === 'notification') {
    const flag = entry.status === 'skipped' ? ' [not sent: example contact]' : '';
    return `${head} ${entry.channel} → ${entry.name} <${entry.to}> « ${entry.subject} »${flag}`;
  }
  return `${head} ${entry.summary}`;
}

async function planFor(options: { plan?: string; db?: string }): Promise<Plan> {
  if (options.plan) {
    let text: string;
    try {
      text = await readFile(options.plan, 'utf8');
    } catch {
      throw new CommandFailed(`${options.plan}: cannot read the file`);
    }
    const result = loadPlan(options.plan, text, { validateCheck: probeCheckValidator });
    if (!result.ok) throw new CommandFailed(result.errors.map(formatPlanError).join('\n'));
    return result.plan;
  }
  const config = configOrExit({ databaseUrl: options.db });
  const active = await withStore(config.databaseUrl, (store) => new PlanCatalog(store).active());
  if (!active)
    throw new CommandFailed('No plan is loaded: run `vigie start` or `vigie plan load FILE`, or pass --plan FILE.');
  return active.plan;
}

export function registerDrill(program: Command): void {
  const drill = program.command('drill').description('exercise the plan in simulated time');
  drill
    .command('run')
    .description('play an incident through the engine in simulated time and print its timeline (nothing is sent)')
    .requiredOption('--threat <id>', "the threat's id in the plan (e.g. patch-hermes)")
    .requiredOption('--lasts <duration>', 'how long the interruption lasts (e.g. 7h)')
    .option('--eta <duration>', "the technician's estimate of the duration, given at the start")
    .option('--silent-cell', 'the crisis cell posts no SITREP: show the reminders and overdue alerts')
    .option('--json', 'print {"incident": …, "timeline": […]}')
    .option('--plan <file>', 'use this plan file instead of the active plan')
    .option('--db <url>', DB_OPTION_HELP)
    .action(
      async (options: {
        threat: string;
        lasts: string;
        eta?: string;
        silentCell?: boolean;
        json?: boolean;
        plan?: string;
        db?: string;
      }) => {
        const lastsMs = durationOption('--lasts', options.lasts)!;
        const etaMs = durationOption('--eta', options.eta);
        const plan = await planFor(options);
        const threat = plan.threats.find((t) => t.id === options.threat);
        if (!threat) {
          throw new CommandFailed(
            `unknown threat "${options.threat}": expected one of ${plan.threats.map((t) => t.id).join(', ')}`,
            EXIT.usage,
          );
        }
        const result = await runDrill(plan, { threatId: threat.id, lastsMs, etaMs, respond: !options.silentCell });
        if (options.json) {
          terminal.out(JSON.stringify(result, null, 2));
          return;
        }
        const target = threat.target !== undefined ? formatDuration(threat.target) : 'none';
        terminal.out(
          `Drill: ${threat.title} (${threat.id}) lasting ${formatDuration(lastsMs)}, target ${target}${etaMs ? `, ETA ${formatDuration(etaMs)}` : ''}`,
        );
        for (const entry of result.timeline) terminal.out(renderDrillLine(entry));
      },
    );
}
