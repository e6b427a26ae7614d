import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { stringify } from 'yaml';
import type { VerifyAdminKey } from '../../src/access/auth-context.js';
import { startGateway, type RunningGateway } from '../../src/cli/start-gateway.js';
import type { ConfigFile } from '../../src/config/config-file-schema.js';
import type { CliFlags } from '../../src/config/runtime-options.js';

/** The admin password every test gateway starts with (via INITIAL_PASSWORD) unless told otherwise. */
export const TEST_ADMIN_PASSWORD = 'test-admin-password';

export interface AdminSessionCredentials {
  /** `omniroute_session=…`, ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
}

export interface TestGateway {
  gateway: RunningGateway;
  /** `http://127.0.0.1:PORT` */
  url: string;
  dataDir: string;
  configFile: string;
  /** fetch() against the gateway as the logged-in admin: session cookie and CSRF token added. */
  adminFetch(path: string, init?: RequestInit): Promise<Response>;
  /** Logs in (once, lazily) and returns the session's cookie and CSRF token. */
  adminSession(): Promise<AdminSessionCredentials>;
  close(): Promise<void>;
}

/** A mock-backed OpenAI-compatible provider `mock` with the given accounts. */
export function mockProviderConfig(mockUrl: string, accounts: Array<{ name: string; apiKey: string; priority?: number }> = [{ name: 'acct-a', apiKey: 'sk-up-a', priority: 1 }]): ConfigFile {
  return {
    providers: [{ id: 'mock', prefix: 'mock', format: 'openai-chat', baseUrl: `${mockUrl}/v1` }],
    connections: accounts.map((a) => ({ provider: 'mock', ...a })),
  };
}

/** Logs in with a password; throws with the gateway's answer when that fails. */
export async function loginAdmin(url: string, password: string): Promise<AdminSessionCredentials> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
  if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: setCookie.split(';')[0] ?? '', csrfToken: body.csrfToken };
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

export interface TestGatewayOptions {
  config?: ConfigFile;
  env?: NodeJS.ProcessEnv;
  flags?: CliFlags;
  dataDir?: string;
  adminPassword?: string | null;
  now?: () => number;
  verifyAdminKey?: VerifyAdminKey;
  /** Off (default): upstreams on loopback are allowed, as the mock upstream lives there. */
  ssrfGuard?: boolean;
}

/**
 * The real gateway, in-process, on a random loopback port with a fresh data directory. The
 * environment is built from scratch so the developer's own PORT/HOSTNAME/DATA_DIR never leak in.
 * It starts with INITIAL_PASSWORD=TEST_ADMIN_PASSWORD unless `adminPassword` says otherwise
 * (null: no password, for first-start tests).
 */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'omniroute-test-')));
  const configFile = join(dataDir, 'config.yaml');
  const config = options.config ?? {};
  await writeFile(configFile, stringify(options.ssrfGuard ? config : withLoopbackUpstreams(config)));
  const password = options.adminPassword === null ? undefined : (options.adminPassword ?? TEST_ADMIN_PASSWORD);
  const gateway = await startGateway({
    flags: { port: 0, host: '127.0.0.1', dataDir, config: configFile, open: false, ...options.flags },
    env: { ...(password === undefined ? {} : { INITIAL_PASSWORD: password }), ...options.env },
    logger: pino({ level: 'silent' }),
    ...(options.now ? { now: options.now } : {}),
    ...(options.verifyAdminKey ? { verifyAdminKey: options.verifyAdminKey } : {}),
  });
  let session: Promise<AdminSessionCredentials> | undefined;
  const adminSession = () => {
    if (password === undefined) throw new Error('this test gateway has no admin password');
    session ??= loginAdmin(gateway.url, password);
    return session;
  };
  return {
    gateway,
    url: gateway.url,
    dataDir,
    configFile,
    adminSession,
    async adminFetch(path, init = {}) {
      const { cookie, csrfToken } = await adminSession();
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      headers.set('x-csrf-token', csrfToken);
      if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${gateway.url}${path}`, { ...init, headers });
    },
    async close() {
      await gateway.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
