import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopProcess } from './spawn-and-wait.mjs';
import { startGateway, startMock } from './targets.mjs';

/**
 * The frame every gateway suite shares: a work directory, a mock upstream, gateways started from
 * config text, and everything stopped and removed at the end, also on failure.
 * `body` receives `{ suiteCtx, mock, gatewayWith(configText, label) }`.
 */
export async function withSuiteWorkspace(ctx, body) {
  const workDir = await mkdtemp(join(tmpdir(), 'omniroute-bench-'));
  const suiteCtx = { ...ctx, workDir };
  const started = [];
  try {
    const mock = await startMock(suiteCtx);
    started.push(mock.handle);
    const gatewayWith = async (configText, label) => {
      const configFile = join(workDir, `${label}.yaml`);
      await writeFile(configFile, configText);
      const gateway = await startGateway(suiteCtx, { configFile, label });
      started.push(gateway.handle);
      return gateway;
    };
    return await body({ suiteCtx, mock, gatewayWith });
  } finally {
    await Promise.all(started.map((handle) => stopProcess(handle)));
    if (!ctx.options.keepWorkDir) await rm(workDir, { recursive: true, force: true });
  }
}
