import { probeCheckValidator } from '../../plan-checks';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { activatePlan, formatPlanError, isDomainError, loadPlan, SYSTEM_ACTOR, type PlanFileError } from '@vigie/core';
import { cryptoRandomness, systemClock } from '../../adapters/system';
import { PlanCatalog } from '../../plan-catalog';
import { CommandFailed, configOrExit, DB_OPTION_HELP, EXIT, terminal } from '../io';
import { renderPlan } from '../render-plan';
import { withStore } from '../with-store';

async function readPlanFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CommandFailed(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function registerPlan(program: Command): void {
  const plan = program.command('plan').description('the continuity plan: validate, load, show');

  plan
    .command('validate')
    .description('check plan files; prints FILE:LINE:COL: message for each error, exit 1 if any')
    .argument('<files...>', 'plan files (YAML)')
    .action(async (files: string[]) => {
      let failed = false;
      for (const file of files) {
        let text: string;
        try {
          text = await readPlanFile(file);
        } catch (error) {
          terminal.err((error as Error).message);
          failed = true;
          continue;
        }
        const result = loadPlan(file, text, { validateCheck: probeCheckValidator });
        if (result.ok) {
          terminal.out(
            `${file}: valid — ${result.plan.threats.length} threats, ${result.plan.escalation.length} escalation steps`,
          );
        } else {
          failed = true;
          for (const error of result.errors) terminal.err(formatPlanError(error));
        }
      }
      if (failed) process.exitCode = EXIT.failure;
    });

  plan
    .command('load')
    .description('load a plan file into the database and make it the active version')
    .argument('<file>', 'plan file (YAML)')
    .option('--db <url>', DB_OPTION_HELP)
    .action(async (file: string, options: { db?: string }) => {
      const config = configOrExit({ databaseUrl: options.db });
      const text = await readPlanFile(file);
      try {
        const result = await withStore(config.databaseUrl, (store) =>
          activatePlan(
            { store, clock: systemClock, random: cryptoRandomness, validateCheck: probeCheckValidator },
            SYSTEM_ACTOR,
            {
              fileName: basename(file),
              text,
            },
          ),
        );
        terminal.out(
          result.changed
            ? `Active plan: version ${result.version.number} (${result.plan.title}).`
            : `This plan is already the active version (${result.version.number}).`,
        );
      } catch (error) {
        if (isDomainError(error) && error.kind === 'Invalid') {
          const errors = (error.details as { errors: PlanFileError[] }).errors;
          for (const e of errors) terminal.err(formatPlanError({ ...e, file }));
          throw new CommandFailed('The plan was not loaded: the active plan is unchanged.');
        }
        throw error;
      }
    });

  plan
    .command('show')
    .description('print the active plan (or a plan file) in readable form')
    .option('--file <file>', 'show this file instead of the active plan')
    .option('--json', 'print the plan as JSON')
    .option('--db <url>', DB_OPTION_HELP)
    .action(async (options: { file?: string; json?: boolean; db?: string }) => {
      let shown: { plan: Parameters<typeof renderPlan>[0]; version?: number };
      if (options.file) {
        const result = loadPlan(options.file, await readPlanFile(options.file), { validateCheck: probeCheckValidator });
        if (!result.ok) {
          for (const e of result.errors) terminal.err(formatPlanError(e));
          throw new CommandFailed('The plan file has errors.');
        }
        shown = { plan: result.plan };
      } else {
        const config = configOrExit({ databaseUrl: options.db });
        const active = await withStore(config.databaseUrl, (store) => new PlanCatalog(store).active());
        if (!active) throw new CommandFailed('No plan is loaded yet: run `vigie plan load FILE` or `vigie start`.');
        shown = { plan: active.plan, version: active.version.number };
      }
      terminal.out(options.json ? JSON.stringify(shown.plan, null, 2) : renderPlan(shown.plan, shown.version));
    });
}
