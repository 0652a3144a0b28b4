import type { Command } from 'commander';
import { collectReport, defaultUsbReader } from '../collect/collect-report';
import { CpuMeter } from '../collect/host';
import { AgentConfigError, loadAgentConfig } from '../config/load-config';
import { consoleLog } from '../log';
import { runAgent } from '../run-agent';
import { serviceDrivers } from '../services/service-drivers';
import { sleep } from '../transport/backoff';
import { CommandFailed } from './command-failed';

const USAGE = 2;

async function load(file: string | undefined) {
  if (!file) throw new CommandFailed('say which configuration to use: --config FILE', USAGE);
  try {
    return await loadAgentConfig(file);
  } catch (error) {
    if (error instanceof AgentConfigError) throw new CommandFailed(error.message, USAGE);
    throw error;
  }
}

/** Runs until SIGINT or SIGTERM, then stops its loops (reports not yet sent stay on disk). */
async function run(file: string | undefined): Promise<void> {
  const config = await load(file);
  const agent = runAgent(config, consoleLog());
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await agent.stop();
}

/** Prints one report, without sending it: to check a configuration on the machine. */
async function printReport(file: string | undefined): Promise<void> {
  const config = await load(file);
  const cpu = new CpuMeter();
  await sleep(500);
  const services = serviceDrivers(config.services, config.stateDir);
  const report = await collectReport(config, { cpu, services, usb: defaultUsbReader() }, 1);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

/**
 * `vigie-agent --config FILE` runs the agent; `vigie-agent report --config FILE` prints what it
 * would report. Both sit beside `vigie-agent archive`.
 */
export function registerAgentCommands(program: Command): void {
  program
    .option('-c, --config <file>', 'the agent configuration (YAML or JSON): run the agent')
    .addHelpText(
      'after',
      '\nRun the agent: vigie-agent --config /etc/vigie-agent/agent.yaml\nCheck a configuration: vigie-agent report --config FILE\n',
    )
    .action(async (flags: { config?: string }, self: Command) => {
      if (!flags.config) {
        self.help({ error: true });
        return;
      }
      await run(flags.config);
    });
  program
    .command('report')
    .description('look at this host once and print the report the agent would send (nothing is sent)')
    .requiredOption('-c, --config <file>', 'the agent configuration')
    .action(async (flags: { config: string }) => printReport(flags.config));
}
