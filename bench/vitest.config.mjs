import { defineConfig } from 'vitest/config';

// The root config collects only src/ and test/, and root configs are not ours to edit, so the
// harness's own tests run with `npx vitest run --config bench/vitest.config.mjs`.
// eslint-disable-next-line no-restricted-syntax -- vitest loads its config from the default export
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['bench/**/*.test.mjs'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
