export interface RepositoryOptions {
  /** Epoch-ms clock; injectable so tests can control timestamps. */
  now?: () => number;
}

export type RecordSource = 'config' | 'admin';

export const RECORD_SOURCES: readonly RecordSource[] = ['config', 'admin'];
