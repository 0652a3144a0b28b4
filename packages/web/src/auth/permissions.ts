import type { User } from '@vigie/contract';

// Mirrors the server's role groups (core's CAN): the API enforces them, the interface
// only hides what a role could not use.

/** Administrators manage users and load plan versions. */
export function canAdminister(user: User): boolean {
  return user.role === 'admin';
}

/** Every role but `client` sees the contact centre's internal pages (versions, validation, tokens). */
export function canReadInternal(user: User): boolean {
  return user.role !== 'client';
}

/** Administrators, operators and crisis managers handle incidents: open, act, write SITREPs, plan maintenance. */
export function canOperate(user: User): boolean {
  return user.role === 'admin' || user.role === 'operator' || user.role === 'crisis-manager';
}
