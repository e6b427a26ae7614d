import { z } from 'zod';

/**
 * Spending limits per client key in US dollars. Stored and returned here; enforced by usage
 * accounting (issue #6), which decides what `policy` does when a window is spent.
 */
export const apiKeyBudgetSchema = z.strictObject({
  daily: z.number().positive().optional(),
  weekly: z.number().positive().optional(),
  monthly: z.number().positive().optional(),
  /** `reject`: answer 429 once spent; `downgrade`: route to a cheaper target. Default reject. */
  policy: z.enum(['reject', 'downgrade']).optional(),
});

export type ApiKeyBudget = z.infer<typeof apiKeyBudgetSchema>;
