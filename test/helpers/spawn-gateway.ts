import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI_ENTRY = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface SpawnedGateway {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** The built CLI as a user runs it (`npm test` builds first). */
export function spawnGateway(args: string[], env: NodeJS.ProcessEnv = {}): SpawnedGateway {
  if (!existsSync(CLI_ENTRY)) throw new Error(`${CLI_ENTRY} is missing: run "npm run build" first (npm test does)`);
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves with the API base URL once the CLI printed it. */
export async function waitForReady(gateway: SpawnedGateway): Promise<string> {
  for (;;) {
    const match = /API:\s+(http:\/\/\S+)\/v1/.exec(gateway.stdout());
    if (match) return match[1]!;
    if (gateway.child.exitCode !== null) throw new Error(`gateway exited early: ${gateway.stderr()}${gateway.stdout()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
