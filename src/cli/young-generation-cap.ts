import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * V8 grows the young generation (two semi-spaces) up to 16 MiB each under load, so a gateway that
 * has seen traffic idles with 32 MiB of mostly empty new space. Measured on the pass-through
 * bench: 4 MiB semi-spaces serve the same req/s as 16 MiB, 1 MiB ones lose a third.
 * `--max-semi-space-size` only works on the command line (the heap is configured before any JS
 * runs), but the growth factor is read at each growth, so the cap is applied by steering that
 * factor: toward 4 MiB while below, 1 (no growth) at the cap (the opt-out, OMNIROUTE_V8_DEFAULTS=1,
 * and any semi-space flag of the user's leave V8's defaults alone).
 */
export const SEMI_SPACE_CAP_MIB = 4;
const MIB = 1024 * 1024;
const USER_HEAP_FLAG = /--(max|min)[-_]semi[-_]space[-_]size|--semi[-_]space[-_]growth[-_]factor/;

/** False when the user sized the young generation himself, or opted out with OMNIROUTE_V8_DEFAULTS=1. */
export function shouldCapYoungGeneration(execArgv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (env.OMNIROUTE_V8_DEFAULTS === '1') return false;
  return !execArgv.some((arg) => USER_HEAP_FLAG.test(arg)) && !USER_HEAP_FLAG.test(env.NODE_OPTIONS ?? '');
}

/**
 * Call first thing, before the gateway's modules load: module loading is one synchronous burst of
 * allocation that would otherwise grow the young generation straight to 16 MiB semi-spaces before
 * any JS could stop it. Growth is held off until `letYoungGenerationGrowToCap`.
 */
export function holdYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * The growth factor that takes the semi-spaces from `semiSpaceBytes` to the cap in one step, or 1
 * (no growth) at the cap. V8 multiplies the capacity by the factor, and only takes whole numbers.
 */
export function growthFactorToward(semiSpaceBytes: number): number {
  const capBytes = SEMI_SPACE_CAP_MIB * MIB;
  if (semiSpaceBytes <= 0 || semiSpaceBytes >= capBytes) return 1;
  return Math.max(2, Math.floor(capBytes / semiSpaceBytes));
}

/** How often the cap is re-checked: growth back to the cap after an idle shrink waits at most this. */
const STEER_INTERVAL_MS = 1000;

/**
 * After boot: grow to the cap, and keep it there. V8's memory reducer shrinks the young
 * generation when the gateway has been idle; with growth switched off for good it then served the
 * next burst of load from 1 MiB semi-spaces, ~50% more CPU per request (measured: 173 → 263 µs
 * after 8 s of idle). So a timer re-reads the size and sets the growth factor that leads back to
 * the cap, or 1 at the cap; unref'd, and `setFlagsFromString` only runs when the factor changes.
 */
export function keepYoungGenerationAtCap(): NodeJS.Timeout {
  let current: number | undefined;
  const steer = (): void => {
    const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    const factor = growthFactorToward((newSpace?.space_size ?? 0) / 2);
    if (factor === current) return;
    current = factor;
    setFlagsFromString(`--semi-space-growth-factor=${factor}`);
  };
  steer();
  const timer = setInterval(steer, STEER_INTERVAL_MS);
  timer.unref();
  return timer;
}
