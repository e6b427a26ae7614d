/**
 * Opens the dashboard in the user's browser, unless there is no one to see it: no display on
 * Linux, CI, or a non-interactive session. Failure to open is never fatal.
 */
export function shouldOpenBrowser(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, isTty: boolean): boolean {
  if (env.CI || !isTty) return false;
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  return true;
}

export async function openBrowser(url: string): Promise<void> {
  try {
    // Loaded only when used: it is never needed on servers.
    const { default: open } = await import('open');
    const child = await open(url);
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser available: the URL is printed anyway.
  }
}
