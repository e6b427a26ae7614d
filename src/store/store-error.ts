/**
 * Stable codes the HTTP layer maps to statuses: conflict → 409, not_found → 404, the rest → 500
 * (they describe a broken installation or data directory, not a bad request).
 */
export type StoreErrorCode =
  | 'conflict'
  | 'not_found'
  | 'invalid_value'
  | 'open_failed'
  | 'migration_failed'
  | 'secret_key_invalid'
  | 'secret_decrypt_failed';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** A unique constraint would be violated (duplicate id, prefix, or provider + name). */
export class StoreConflictError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('conflict', message, options);
    this.name = 'StoreConflictError';
  }
}

export class StoreNotFoundError extends StoreError {
  constructor(message: string) {
    super('not_found', message);
    this.name = 'StoreNotFoundError';
  }
}

export function isStoreError(value: unknown): value is StoreError {
  return value instanceof StoreError;
}
