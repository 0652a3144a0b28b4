/** The closed set of errors the domain raises; the HTTP layer maps each to a status. */
export type DomainErrorKind = 'NotFound' | 'Forbidden' | 'Conflict' | 'Invalid' | 'Precondition' | 'Unauthenticated';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = `${kind}Error`;
  }
}

export const notFound = (message: string): DomainError => new DomainError('NotFound', message);
export const forbidden = (message: string): DomainError => new DomainError('Forbidden', message);
export const conflict = (message: string): DomainError => new DomainError('Conflict', message);
export const invalid = (message: string, details?: unknown): DomainError =>
  new DomainError('Invalid', message, details);
export const precondition = (message: string): DomainError => new DomainError('Precondition', message);
export const unauthenticated = (message: string): DomainError => new DomainError('Unauthenticated', message);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
