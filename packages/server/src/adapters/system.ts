import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, Randomness } from '@vigie/core';

export const systemClock: Clock = { now: () => Date.now() };

export const cryptoRandomness: Randomness = {
  id: () => randomUUID(),
  token: () => randomBytes(32).toString('base64url'),
};
