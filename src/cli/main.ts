#!/usr/bin/env node
// Nothing of the gateway is imported statically: V8 heap flags only take effect if they are set
// before module loading has grown the heap (see young-generation-cap.ts).
import { holdYoungGenerationSmall, keepYoungGenerationAtCap, shouldCapYoungGeneration } from './young-generation-cap.js';

const capYoungGeneration = shouldCapYoungGeneration(process.execArgv, process.env);
if (capYoungGeneration) holdYoungGenerationSmall();
const { runCli } = await import('./run-cli.js');
await runCli({ onBooted: capYoungGeneration ? () => void keepYoungGenerationAtCap() : () => undefined });
