// Reads a V8 .cpuprofile (what `node --cpu-prof` writes) and ranks where the time went.
import { readFile } from 'node:fs/promises';

/** Groups a script URL into something a reader recognises: a package, a src folder, node internals. */
export function moduleOf(url) {
  if (!url) return '(native / VM)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  const dist = /\/dist(?:-modules)?\/([^/]+)\//.exec(url);
  if (dist?.[1]) return `omniroute ${dist[1]}/`;
  return url.replace(/^file:\/\//, '');
}

/**
 * Self time per function and per module, in ms and as a share of all sampled time
 * (idle included, reported separately as `(idle)`), top `limit` of each.
 */
export function summarizeCpuProfile(profile, limit = 25) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    total += delta;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + delta);
  });
  const byFunction = new Map();
  const byModule = new Map();
  for (const [id, micros] of selfByNode) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${frame.url.replace(/^file:\/\/.*?\/(node_modules|dist)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    const key = `${name} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const module = name === '(idle)' || name === '(garbage collector)' || name === '(program)' ? name : moduleOf(frame.url);
    byModule.set(module, (byModule.get(module) ?? 0) + micros);
  }
  const rank = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, micros]) => ({ name, ms: micros / 1000, percent: (micros / total) * 100 }));
  return { totalMs: total / 1000, functions: rank(byFunction), modules: rank(byModule) };
}

export async function readCpuProfile(file) {
  return JSON.parse(await readFile(file, 'utf8'));
}
