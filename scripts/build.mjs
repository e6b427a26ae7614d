// Builds dist/: the gateway as one minified ES module graph (entry + shared chunks), not ~700
// separate files. Loading 700 modules (our ~300 plus kysely's and zod's) cost start-up time and
// heap: every module keeps its source text and module record. Measured in docs/benchmarks.md.
//   node scripts/build.mjs
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    'cli/main': 'src/cli/main.ts',
    // Among the chunks: the worker is found next to the module that starts it (request-log-worker-location.ts).
    'chunks/request-log-worker': 'src/usage/request-log-worker.ts',
  },
  outdir,
  bundle: true,
  // The entry must set V8 flags before the gateway's modules load, so run-cli stays its own chunk.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax only: identifiers keep their names, so stack traces and CPU profiles
  // stay readable without source maps. (`keepNames` with mangling costs ~10 µs per request: it
  // defines `name` on every closure as it is created.)
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  // Native (libsql), loaded only on demand (pg, the tokenizer's 20 MB of ranks, OpenTelemetry), or
  // loaded file by file on purpose (undici, see src/upstream/undici-core.ts).
  external: ['libsql', 'pg', 'gpt-tokenizer', 'gpt-tokenizer/*', '@opentelemetry/*', 'undici', 'undici/*'],
  // CommonJS dependencies (fastify, pino) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
