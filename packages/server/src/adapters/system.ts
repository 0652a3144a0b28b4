import { randomBytes } from 'node:crypto';
import type { Clock, Randomness } from '@vigie/core';
import { timeOrderedId } from './time-ordered-id';

export const systemClock: Clock = { now: () => Date.now() };

export const cryptoRandomness: Randomness = {
  id: () => timeOrderedId(),
  token: () => randomBytes(32).toString('base64url'),
};
