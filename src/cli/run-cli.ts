import { Command, InvalidArgumentError } from 'commander';
import { ConfigFileError } from '../config/load-config-file.js';
import { resolveBootPaths, type CliFlags } from '../config/runtime-options.js';
import { openDatabase } from '../store/database.js';
import { openBrowser, shouldOpenBrowser } from './open-browser.js';
import { rotateMasterKey } from './rotate-master-key.js';
import { databaseTarget, startGateway } from './start-gateway.js';
import { VERSION } from './version.js';

function parsePortFlag(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return port;
}

function buildProgram(): Command {
  return new Command()
    .name('omniroute')
    .description('Local-first AI gateway: one OpenAI/Anthropic/Gemini-compatible endpoint for every LLM provider.')
    .version(VERSION)
    .option('-p, --port <port>', 'port to listen on (env PORT, default 20128)', parsePortFlag)
    .option('-H, --host <host>', 'address to bind (env HOSTNAME, default 127.0.0.1)')
    .option('-d, --data-dir <dir>', 'where the database and keys live (env DATA_DIR, default ~/.omniroute)')
    .option('-c, --config <file>', 'declarative config file, YAML or JSON (env OMNIROUTE_CONFIG)')
    .option('--no-open', 'do not open the dashboard in a browser')
    .showHelpAfterError();
}

/**
 * The `omniroute` command: parse flags, boot, print where it runs, drain on SIGINT/SIGTERM.
 * `onBooted` runs once the gateway listens (main.ts uses it to release the young-generation hold).
 */
/** `omniroute rotate-key`: re-encrypt stored credentials under a new master key. */
async function runRotateKey(dataDirFlag: string | undefined): Promise<void> {
  const { dataDir } = resolveBootPaths(dataDirFlag === undefined ? {} : { dataDir: dataDirFlag }, process.env);
  const database = await openDatabase(databaseTarget(dataDir, process.env));
  try {
    const result = await rotateMasterKey({ dataDir, env: process.env, database });
    process.stdout.write(`Re-encrypted ${result.rotated} stored credential(s) under a new master key${result.keyFile ? ` (${result.keyFile})` : '; now set OMNIROUTE_SECRET_KEY to the new key'}.\n`);
  } finally {
    await database.close();
  }
}

export async function runCli(hooks: { onBooted(): void }): Promise<void> {
  const program = buildProgram();
  let command = 'serve' as 'serve' | 'rotate-key';
  program.action(() => undefined);
  program
    .command('rotate-key')
    .description('re-encrypt every stored provider credential under a new master key (stop the gateway first)')
    .action(() => {
      command = 'rotate-key';
    });
  await program.parseAsync();
  if (command === 'rotate-key') {
    try {
      await runRotateKey(program.opts<{ dataDir?: string }>().dataDir);
    } catch (error) {
      console.error(`omniroute rotate-key: ${(error as Error).message}`);
      process.exit(1);
    }
    return;
  }
  const opts = program.opts<{ port?: number; host?: string; dataDir?: string; config?: string; open: boolean }>();
  const flags: CliFlags = {
    ...(opts.port === undefined ? {} : { port: opts.port }),
    ...(opts.host === undefined ? {} : { host: opts.host }),
    ...(opts.dataDir === undefined ? {} : { dataDir: opts.dataDir }),
    ...(opts.config === undefined ? {} : { config: opts.config }),
    open: opts.open,
  };

  let gateway: Awaited<ReturnType<typeof startGateway>>;
  try {
    gateway = await startGateway({ flags, env: process.env });
  } catch (error) {
    console.error(error instanceof ConfigFileError ? error.message : `omniroute: ${(error as Error).message}`);
    process.exit(1);
  }
  let signals = 0;
  const shutdown = (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(130); // a second Ctrl-C means "now"
    gateway.ctx.logger.info({ signal }, 'shutting down: draining in-flight requests');
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        gateway.ctx.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Before the banner: stdout to a pipe is synchronous, so whoever reads "ready" may signal at once.
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const { url, options } = gateway;
  gateway.ctx.logger.info({ url, dataDir: options.dataDir }, 'OmniRoute is ready');
  process.stdout.write(`\n  OmniRoute ${VERSION} is running\n  API:       ${url}/v1\n  Dashboard: ${url}/\n  Data:      ${options.dataDir}\n\n`);
  if (options.openBrowser && shouldOpenBrowser(process.env, process.platform, Boolean(process.stdout.isTTY))) void openBrowser(url);
  hooks.onBooted();
}
