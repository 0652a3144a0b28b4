import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { DEMO_PARTS } from '../../demo/demo';
import { DEMO_TOKEN_HEADER } from '../../http/routes/demo';
import { CommandFailed, configOrExit, EXIT, terminal } from '../io';

/** What `vigie start --demo` writes so that `vigie demo` on the same machine can reach it. */
export const DemoControlSchema = z.object({ url: z.string(), token: z.string() });
export const DEMO_CONTROL_FILE = 'demo-control.json';

async function setPart(part: string, broken: boolean): Promise<void> {
  const config = configOrExit({});
  const file = join(config.dataDir, DEMO_CONTROL_FILE);
  let control: z.infer<typeof DemoControlSchema>;
  try {
    control = DemoControlSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    throw new CommandFailed(`no running demo found (${file}): start one with \`npm start\` or \`vigie start --demo\``);
  }
  let response: Response;
  try {
    response = await fetch(`${control.url}/api/v1/demo/parts/${encodeURIComponent(part)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [DEMO_TOKEN_HEADER]: control.token },
      body: JSON.stringify({ broken }),
    });
  } catch {
    throw new CommandFailed(`the demo at ${control.url} does not answer: is \`vigie start --demo\` still running?`);
  }
  const body = (await response.json()) as { message?: string } | { part: string; broken: boolean }[];
  if (!response.ok)
    throw new CommandFailed(
      `the demo refused: ${'message' in body ? body.message : response.status}`,
      response.status === 404 ? EXIT.usage : EXIT.failure,
    );
  for (const p of body as { part: string; broken: boolean }[])
    terminal.out(`${p.broken ? 'EN PANNE' : 'ok      '}  ${p.part}`);
}

export function registerDemo(program: Command): void {
  const demo = program
    .command('demo')
    .description('break and repair parts of the demo contact centre (vigie start --demo)');
  const list = Object.entries(DEMO_PARTS)
    .map(([part, description]) => `  ${part.padEnd(10)} ${description}`)
    .join('\n');
  demo
    .command('break')
    .description('break a part of the demo, then watch Vigie react')
    .argument('<part>', `one of:\n${list}`)
    .action((part: string) => setPart(part, true));
  demo
    .command('repair')
    .description('repair a part of the demo')
    .argument('<part>', 'the part to repair')
    .action((part: string) => setPart(part, false));
}
