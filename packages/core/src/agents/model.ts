import { AGENT_SILENT_INTERVALS, type AgentTaskView, type AgentView } from '@vigie/contract';
import type { Actor } from '../auth/roles';
import type { AgentRecord, AgentTaskRecord } from '../ports';

/** Reports kept per agent; older ones are deleted as new ones arrive. */
export const REPORT_HISTORY_KEEP = 1_000;
/** Time an agent has, past a task's own limit, to send its result before the task is `timeout`. */
export const RESULT_GRACE_MS = 15_000;
/** An agent's last-seen time is written at most this often. */
export const SEEN_EVERY_MS = 10_000;
/** Output kept from a task. */
export const TASK_OUTPUT_STORED = 16_384;

/** The identity of a program calling the agent routes with its `vga_` token. */
export interface AgentIdentity {
  id: string;
  name: string;
  assets: string[];
}

/** The actor an agent is in the audit log: a token-holder without any person's role. */
export function agentActor(agent: AgentIdentity): Actor {
  return { kind: 'token', id: `agent:${agent.id}`, label: `agent ${agent.name}`, role: 'viewer', clientId: null };
}

/** How an agent is doing: never reported, reporting, silent for 3 intervals, or revoked. */
export function agentStatus(agent: AgentRecord, now: number): AgentView['status'] {
  if (agent.revokedAt !== null) return 'revoked';
  if (agent.lastReportAt === null) return 'never-reported';
  const interval = agent.reportIntervalMs ?? 60_000;
  return now - agent.lastReportAt > AGENT_SILENT_INTERVALS * interval ? 'silent' : 'reporting';
}

export function toAgentView(agent: AgentRecord, now: number, hostname: string | null): AgentView {
  return {
    id: agent.id,
    name: agent.name,
    assets: agent.assets,
    enrolledBy: agent.enrolledBy,
    enrolledAt: agent.enrolledAt,
    lastSeenAt: agent.lastSeenAt,
    lastReportAt: agent.lastReportAt,
    reportIntervalMs: agent.reportIntervalMs,
    revokedAt: agent.revokedAt,
    status: agentStatus(agent, now),
    hostname,
  };
}

export function toTaskView(task: AgentTaskRecord): AgentTaskView {
  return { ...task };
}

/** Whether a task has its outcome. */
export function isTaskFinished(task: AgentTaskRecord): boolean {
  return task.status !== 'queued' && task.status !== 'sent';
}
