import type { RequestAttempt } from '../store/repositories/request-log-repository.js';

export const ATTEMPTS_HEADER = 'x-omniroute-attempts';

/**
 * `x-omniroute-attempts: 2; targets="glm/glm-4.7 429, anthropic/claude-sonnet-4-5 200"`: how many
 * upstream calls were made and what each ended with, so a client can see a fall-over happened.
 */
export function attemptsHeader(attempts: ReadonlyArray<RequestAttempt>): string {
  const targets = attempts.map((a) => `${a.provider}/${a.model} ${a.status}`).join(', ');
  return `${attempts.length}; targets="${targets.replace(/["\\\r\n]/g, '')}"`;
}
