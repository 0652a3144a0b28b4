import type { Clock, PasswordHasher, Randomness, Store } from '@vigie/core';
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
}
