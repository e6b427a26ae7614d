import { COMBO_STRATEGIES, type AliasInput, type ComboInput } from '../config/config-file-schema.js';
import type { AliasRecord, AliasRecordInput } from '../store/repositories/alias-repository.js';
import type { ComboRecord, ComboRecordInput } from '../store/repositories/combo-repository.js';
import type { RecordSource } from '../store/repositories/repository-options.js';
import { createRoutingTable, type ComboDefinition, type RoutingTable } from './routing-table.js';

/** Config-file / admin input → stored combo; the defaults live here, once. */
export function toComboRecordInput(input: ComboInput, source: RecordSource): ComboRecordInput {
  return {
    name: input.name,
    strategy: input.strategy ?? 'priority',
    models: input.models.map((entry) => (typeof entry === 'string' ? { model: entry, weight: 1 } : { model: entry.model, weight: entry.weight ?? 1 })),
    enabled: input.enabled ?? true,
    ...(input.sessionAffinity === undefined ? {} : { sessionAffinity: input.sessionAffinity }),
    ...(input.retries === undefined ? {} : { retries: input.retries }),
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
    ...(input.maxAttempts === undefined ? {} : { maxAttempts: input.maxAttempts }),
    source,
  };
}

export function toAliasRecordInput(input: AliasInput, position: number, source: RecordSource): AliasRecordInput {
  return { pattern: input.pattern, target: input.target, position, source };
}

function toComboDefinition(record: ComboRecord | ComboRecordInput): ComboDefinition {
  const strategy = COMBO_STRATEGIES.find((s) => s === record.strategy) ?? 'priority';
  return {
    name: record.name,
    strategy,
    entries: record.models.map((m) => ({ model: m.model, weight: m.weight })),
    enabled: record.enabled,
    sessionAffinity: record.sessionAffinity,
    retries: record.retries ?? 0,
    timeoutMs: record.timeoutMs,
    maxAttempts: record.maxAttempts,
  };
}

/** The hot path's snapshot of stored combos and aliases. */
export function routingTableOf(combos: ReadonlyArray<ComboRecord | ComboRecordInput>, aliases: ReadonlyArray<AliasRecord | AliasRecordInput>): RoutingTable {
  return createRoutingTable({
    combos: combos.map(toComboDefinition),
    aliases: [...aliases].sort((a, b) => a.position - b.position).map((a) => ({ pattern: a.pattern, target: a.target })),
  });
}
