import { invalidRequest } from '../errors/gateway-error.js';
import { checkCombos } from '../routing/check-combos.js';
import { routingTableOf } from '../routing/routing-records.js';
import type { GatewayContext } from '../server/gateway-context.js';
import type { AliasRecordInput } from '../store/repositories/alias-repository.js';
import type { ComboRecordInput } from '../store/repositories/combo-repository.js';

/**
 * Refuses an admin change that would leave the combo graph broken (an entry that resolves to
 * nothing, a cycle, nesting too deep): the whole graph is checked as it would be after the change.
 */
export async function assertRoutingChangeValid(
  ctx: GatewayContext,
  change: { combo?: ComboRecordInput; removeCombo?: string; alias?: AliasRecordInput; removeAlias?: string },
): Promise<void> {
  const combos: ComboRecordInput[] = (await ctx.store.combos.list()).filter((c) => c.name !== change.combo?.name && c.name !== change.removeCombo);
  if (change.combo) combos.push(change.combo);
  const aliases: AliasRecordInput[] = (await ctx.store.aliases.list()).filter((a) => a.pattern !== change.alias?.pattern && a.pattern !== change.removeAlias);
  if (change.alias) aliases.push(change.alias);
  const problems = checkCombos(ctx.registry(), routingTableOf(combos, aliases));
  if (problems.length > 0) throw invalidRequest(problems.join('; '), change.combo ? 'models' : 'target');
}
