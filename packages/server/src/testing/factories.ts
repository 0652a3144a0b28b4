import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, PasswordHasher, Randomness } from '@vigie/core';
import { scryptPasswords } from '../adapters/scrypt-passwords';

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 5, 8, 0, 0)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}

/** Cheap scrypt parameters: tests check behaviour, not cost. */
export const fastPasswords: PasswordHasher = scryptPasswords({ N: 1024, r: 8, p: 1 });

export const testRandomness: Randomness = {
  id: () => randomUUID(),
  token: () => randomBytes(24).toString('base64url'),
};
