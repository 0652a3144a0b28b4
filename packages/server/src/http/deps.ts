import type { Clock, ExternalCheckFeed, PasswordHasher, PlanSource, Randomness, Store } from '@vigie/core';
import type { AgentWorkHub } from '../agents/work-hub';
import type { SecretBox } from '../adapters/secret-box';
import type { SmtpSource } from '../channels/channels';
import type { IncidentBus } from '../events/incident-bus';
import type { PlanCatalog } from '../plan-catalog';

/** What the HTTP layer needs; main.ts builds it from the concrete adapters. */
export interface HttpDeps {
  store: Store;
  clock: Clock;
  random: Randomness;
  passwords: PasswordHasher;
  catalog: PlanCatalog;
  /** Send cookies only over HTTPS. */
  secureCookies: boolean;
  /** Login attempts per IP per minute. */
  loginRateLimit: number;
  /** Live incident changes, for the SSE stream. */
  bus: IncidentBus;
  /** Nudges the job engine after a person's action scheduled work. */
  wakeEngine: () => void;
  /** The address people use to reach Vigie, for links in messages. */
  publicUrl: string | null;
  /** Seals secrets before they are stored. */
  secrets: SecretBox;
  /** The SMTP settings in force, for the test message. */
  smtp: SmtpSource;
  /** Where agents' long polls wait; shared with the engine so a task it queues wakes its agent. */
  agentWork?: AgentWorkHub | undefined;
  /** Where results of checks fed by agents' reports go (the monitoring). */
  feedCheck?: ExternalCheckFeed | undefined;
  /** The plan's checks as they are run, when that is not as the plan says (the living demo's simulators). */
  monitoredPlans?: PlanSource | undefined;
}
