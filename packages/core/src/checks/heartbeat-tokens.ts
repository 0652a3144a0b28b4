import type { CheckResultStatus } from '@vigie/contract';
import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { hashToken } from '../auth/token-hash';
import { forbidden, invalid, notFound } from '../errors';
import type { SecretSealer } from '../ports';
import { heartbeatGraceMs, heartbeatPingMessage } from './heartbeat';
import { monitoredPlan, type MonitoringContext, type MonitoringTokenContext } from './monitoring-context';
import { recordExternalResult } from './record-external-result';

/** A heartbeat check with the address its job calls. */
export interface HeartbeatView {
  checkId: string;
  name: string;
  everyMs: number;
  graceMs: number;
  example: boolean;
  url: string | null;
  state: 'unknown' | 'up' | 'degraded' | 'down' | 'flapping';
  lastResultAt: number | null;
}

/** The address a job calls: `POST` (or `GET`) it at the end of each run. */
export function heartbeatUrl(publicUrl: string | null, token: string): string {
  return `${(publicUrl ?? '').replace(/\/+$/, '')}/api/v1/heartbeats/${token}`;
}

/** The token back from its sealed form; null when the key that sealed it is gone (make a new one). */
function openToken(sealer: SecretSealer, sealed: string): string | null {
  try {
    return sealer.open(sealed);
  } catch {
    return null;
  }
}

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, CAN.administer)) throw forbidden('only an administrator sees heartbeat addresses');
}

/** The heartbeat checks of the plan with their addresses (tokens are secrets: administrators only). */
export async function listHeartbeats(
  ctx: MonitoringContext,
  actor: Actor,
  sealer: SecretSealer,
  publicUrl: string | null,
): Promise<HeartbeatView[]> {
  requireAdmin(actor);
  const { plan } = await monitoredPlan(ctx);
  const checks = plan.checks.filter((c) => c.probe === 'heartbeat');
  const [tokens, states] = await ctx.store.transaction(async (tx) => [
    await tx.heartbeatTokens.list(),
    await tx.checkStates.forChecks(checks.map((c) => c.id)),
  ]);
  const tokenOf = new Map(tokens.map((t) => [t.checkId, t]));
  const stateOf = new Map(states.map((s) => [s.checkId, s.memory]));
  return checks.map((check) => {
    const sealed = tokenOf.get(check.id)?.sealedToken;
    const token = sealed === undefined ? null : openToken(sealer, sealed);
    return {
      checkId: check.id,
      name: check.name ?? check.id,
      everyMs: check.every,
      graceMs: heartbeatGraceMs(check),
      example: check.example,
      url: token === null ? null : heartbeatUrl(publicUrl, token),
      state: stateOf.get(check.id)?.state ?? 'unknown',
      lastResultAt: stateOf.get(check.id)?.lastAt ?? null,
    };
  });
}

/** Creates the token of a heartbeat check, replacing the earlier one (whose job then fails to report). */
export async function createHeartbeatToken(
  ctx: MonitoringTokenContext,
  actor: Actor,
  sealer: SecretSealer,
  publicUrl: string | null,
  checkId: string,
): Promise<{ checkId: string; token: string; url: string }> {
  requireAdmin(actor);
  const { plan } = await monitoredPlan(ctx);
  const check = plan.checks.find((c) => c.id === checkId);
  if (!check) throw notFound(`no check "${checkId}" in the active plan`);
  if (check.probe !== 'heartbeat') throw invalid(`check "${checkId}" is a ${check.probe} check, not a heartbeat`);
  const token = `vhb_${ctx.random.token()}`;
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    await tx.heartbeatTokens.put({
      checkId,
      tokenHash: hashToken(token),
      sealedToken: sealer.seal(token),
      createdAt: now,
    });
    await recordAudit(tx, now, actor, 'heartbeat-token.create', `check:${checkId}`);
  });
  return { checkId, token, url: heartbeatUrl(publicUrl, token) };
}

/**
 * A job's heartbeat, authenticated by the token in its address: an `up` result by default,
 * or the failure the job reports about itself; without a message of the job's own, the result
 * says so in the plan's language.
 */
export async function receiveHeartbeat(
  ctx: MonitoringTokenContext,
  token: string,
  ping: { status: CheckResultStatus; message?: string | undefined },
): Promise<{ checkId: string; received: number }> {
  const record = await ctx.store.transaction((tx) => tx.heartbeatTokens.findByHash(hashToken(token)));
  const { plan } = await monitoredPlan(ctx);
  const check = record && plan.checks.find((c) => c.id === record.checkId && c.probe === 'heartbeat');
  if (!check) throw notFound('unknown heartbeat address: ask an administrator for the current one');
  const message = ping.message ?? heartbeatPingMessage(ping.status, plan.language);
  const { at } = await recordExternalResult(ctx, {
    checkId: check.id,
    result: { status: ping.status, latencyMs: 0, message, values: {} },
  });
  return { checkId: check.id, received: at };
}
