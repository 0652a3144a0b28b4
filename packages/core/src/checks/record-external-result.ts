import { CheckResultSchema, type Check, type CheckResult } from '@vigie/contract';
import { invalid, notFound } from '../errors';
import { monitoredPlan, type MonitoringTokenContext } from './monitoring-context';
import { shardOf } from './shards';

/** Check kinds fed from outside rather than probed by Vigie. */
export const PASSIVE_PROBE_KINDS = ['heartbeat', 'agent'] as const;

/** Whether a check takes its results from outside (a heartbeat, an agent). */
export function isPassiveCheck(check: Pick<Check, 'probe'>): boolean {
  return (PASSIVE_PROBE_KINDS as readonly string[]).includes(check.probe);
}

/**
 * The entry point for results Vigie did not probe itself — heartbeats now, agents' reports
 * later. The result is queued in the database for the node that holds the check's shard,
 * which feeds it to the same state machine as probe results within about a second, so
 * it may arrive on any node.
 */
export async function recordExternalResult(
  ctx: MonitoringTokenContext,
  input: { checkId: string; result: CheckResult; at?: number | undefined },
): Promise<{ checkId: string; at: number }> {
  const { plan } = await monitoredPlan(ctx);
  const check = plan.checks.find((c) => c.id === input.checkId);
  if (!check) throw notFound(`no check "${input.checkId}" in the active plan`);
  if (!isPassiveCheck(check)) {
    throw invalid(
      `check "${check.id}" is probed by Vigie (${check.probe}); only heartbeat and agent checks take results`,
    );
  }
  const parsed = CheckResultSchema.safeParse(input.result);
  if (!parsed.success) throw invalid(`not a check result: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const at = input.at ?? ctx.clock.now();
  await ctx.store.transaction((tx) =>
    tx.checkInbox.insert({ id: ctx.random.id(), checkId: check.id, shard: shardOf(check.id), at, result: parsed.data }),
  );
  return { checkId: check.id, at };
}
