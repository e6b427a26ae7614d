import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { stringify } from 'yaml';
import { startGateway, type RunningGateway } from '../../src/cli/start-gateway.js';
import type { ConfigFile } from '../../src/config/config-file-schema.js';
import type { CliFlags } from '../../src/config/runtime-options.js';

export interface TestGateway {
  gateway: RunningGateway;
  /** `http://127.0.0.1:PORT` */
  url: string;
  dataDir: string;
  configFile: string;
  close(): Promise<void>;
}

/** A mock-backed OpenAI-compatible provider `mock` with the given accounts. */
export function mockProviderConfig(mockUrl: string, accounts: Array<{ name: string; apiKey: string; priority?: number }> = [{ name: 'acct-a', apiKey: 'sk-up-a', priority: 1 }]): ConfigFile {
  return {
    providers: [{ id: 'mock', prefix: 'mock', format: 'openai-chat', baseUrl: `${mockUrl}/v1` }],
    connections: accounts.map((a) => ({ provider: 'mock', ...a })),
  };
}

/**
 * The mock upstream listens on loopback, which the SSRF guard refuses for providers not marked
 * `local: true`. Test gateways allow loopback upstreams unless a test asks for the production
 * rule (`ssrfGuard: true`) or sets `allowPrivateUpstreams` itself.
 */
function withLoopbackUpstreams(config: ConfigFile): ConfigFile {
  const access = config.settings?.access ?? {};
  if (access.allowPrivateUpstreams !== undefined) return config;
  return { ...config, settings: { ...config.settings, access: { ...access, allowPrivateUpstreams: ['127.0.0.0/8', '::1'] } } };
}

/**
 * The real gateway, in-process, on a random loopback port with a fresh data directory. The
 * environment is built from scratch so the developer's own PORT/HOSTNAME/DATA_DIR never leak in.
 */
export async function startTestGateway(options: { config?: ConfigFile; env?: NodeJS.ProcessEnv; flags?: CliFlags; dataDir?: string; ssrfGuard?: boolean } = {}): Promise<TestGateway> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'omniroute-test-')));
  const configFile = join(dataDir, 'config.yaml');
  const config = options.config ?? {};
  await writeFile(configFile, stringify(options.ssrfGuard ? config : withLoopbackUpstreams(config)));
  const gateway = await startGateway({
    flags: { port: 0, host: '127.0.0.1', dataDir, config: configFile, open: false, ...options.flags },
    env: { ...options.env },
    logger: pino({ level: 'silent' }),
  });
  return {
    gateway,
    url: gateway.url,
    dataDir,
    configFile,
    async close() {
      await gateway.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
