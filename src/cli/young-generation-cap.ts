import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * V8 grows the young generation (two semi-spaces) up to 16 MiB each and never gives it back, so a
 * gateway that has seen any traffic idles with 32 MiB of mostly empty new space. Measured on the
 * pass-through bench: 4 MiB semi-spaces serve the same req/s as 16 MiB, 1 MiB ones lose a third.
 * `--max-semi-space-size` only works on the command line (the heap is configured before any JS
 * runs), but the growth factor is read at each growth, so the cap is applied by growing in one
 * step from the initial 1 MiB to 4 MiB and then switching growth off (the opt-out,
 * OMNIROUTE_V8_DEFAULTS=1, and any semi-space flag of the user's leave V8's defaults alone).
 */
export const SEMI_SPACE_CAP_MIB = 4;
const INITIAL_SEMI_SPACE_MIB = 1;
const MIB = 1024 * 1024;
const USER_HEAP_FLAG = /--(max|min)[-_]semi[-_]space[-_]size|--semi[-_]space[-_]growth[-_]factor/;

/** False when the user sized the young generation himself, or opted out with OMNIROUTE_V8_DEFAULTS=1. */
export function shouldCapYoungGeneration(execArgv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (env.OMNIROUTE_V8_DEFAULTS === '1') return false;
  return !execArgv.some((arg) => USER_HEAP_FLAG.test(arg)) && !USER_HEAP_FLAG.test(env.NODE_OPTIONS ?? '');
}

/** Whether the new space (both semi-spaces) has reached the cap, from `getHeapSpaceStatistics()`. */
export function youngGenerationAtCap(spaces: ReadonlyArray<{ space_name: string; space_size: number }>): boolean {
  const newSpace = spaces.find((space) => space.space_name === 'new_space');
  return newSpace !== undefined && newSpace.space_size >= 2 * SEMI_SPACE_CAP_MIB * MIB;
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
 * After boot: one growth step from 1 MiB to the cap, then growth off again. Requests are separate
 * macrotasks, so the GC observer runs long before enough survives for a second step; it
 * disconnects once the cap is reached, so it costs nothing afterwards.
 */
export function letYoungGenerationGrowToCap(): void {
  const stopGrowing = (): boolean => {
    if (!youngGenerationAtCap(getHeapSpaceStatistics())) return false;
    setFlagsFromString('--semi-space-growth-factor=1');
    return true;
  };
  if (stopGrowing()) return;
  setFlagsFromString(`--semi-space-growth-factor=${SEMI_SPACE_CAP_MIB / INITIAL_SEMI_SPACE_MIB}`);
  const observer = new PerformanceObserver(() => {
    if (stopGrowing()) observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
}
