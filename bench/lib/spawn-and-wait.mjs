// Child processes of a benchmark: spawned pinned to a core, waited on until they answer HTTP,
// and all killed at the end whatever happened (a leaked gateway would skew the next run).
import { execFileSync, spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const live = new Set();
let tasksetChecked;

/** True when util-linux `taskset` can set affinity here (it may be missing or forbidden). */
export function tasksetAvailable() {
  if (tasksetChecked === undefined) {
    try {
      execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
      tasksetChecked = true;
    } catch {
      tasksetChecked = false;
    }
  }
  return tasksetChecked;
}

/** Pins this process (all its threads) to `core`; returns false when it could not. */
export function pinSelf(core) {
  if (!tasksetAvailable()) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Spawns `command args` (taskset execs it, so `pid` is the real process), with stdout and
 * stderr appended to `logFile` so a chatty child can never block on a full pipe, or piped
 * to the caller when `capture` is set.
 */
export function spawnPinned({ name, command, args, core, env, logFile, cwd, capture = false }) {
  const pinned = core !== undefined && tasksetAvailable();
  const file = pinned ? 'taskset' : command;
  const argv = pinned ? ['-c', String(core), command, ...args] : args;
  const fd = logFile && !capture ? openSync(logFile, 'a') : undefined;
  const output = capture ? 'pipe' : (fd ?? 'ignore');
  const child = spawn(file, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', output, output] });
  if (fd !== undefined) closeSync(fd);
  const exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const handle = { name, child, pid: child.pid, pinned, exited, running: () => child.exitCode === null && child.signalCode === null };
  live.add(handle);
  void exited.then(() => live.delete(handle));
  return handle;
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export async function stopProcess(handle, graceMs = 3000) {
  if (!handle.running()) return handle.exited;
  handle.child.kill('SIGTERM');
  const timer = setTimeout(() => handle.child.kill('SIGKILL'), graceMs);
  const result = await handle.exited;
  clearTimeout(timer);
  return result;
}

export async function stopAll() {
  await Promise.all([...live].map((handle) => stopProcess(handle)));
}

/** Last resort on process exit: nothing async can run any more, so kill hard. */
export function killAllNow() {
  for (const handle of live) if (handle.running()) handle.child.kill('SIGKILL');
}

/** The status of one GET on a fresh connection, or undefined when nothing answered. */
export function httpStatus(url, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'GET', agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

/**
 * Polls `url` every `intervalMs` until it answers (`expectStatus`, or any status when
 * undefined); throws when `handle` exits first or `timeoutMs` passes.
 */
export async function waitForHttp(url, { expectStatus, intervalMs = 5, timeoutMs = 20_000, handle } = {}) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const status = await httpStatus(url);
    if (status !== undefined && (expectStatus === undefined || status === expectStatus)) return status;
    if (handle && !handle.running()) throw new Error(`${handle.name} exited before ${url} answered`);
    if (performance.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
