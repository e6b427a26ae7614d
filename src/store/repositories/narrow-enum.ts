import { StoreError } from '../store-error.js';

/** Narrows a text column to its string union, failing loudly on a value no version ever wrote. */
export function narrowEnum<T extends string>(value: string, allowed: readonly T[], where: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) {
    throw new StoreError('invalid_value', `${where} is "${value}", expected one of ${allowed.join(', ')}`);
  }
  return found;
}
