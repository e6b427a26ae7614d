#!/usr/bin/env node
// Refreshes the built-in provider catalogue from the team's shared reference data.
// Run by hand when ../shared/reference/providers.json changes; the copy is committed so that
// installs from npm need nothing outside the package.
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../../shared/reference/providers.json', import.meta.url));
const to = fileURLToPath(new URL('../src/providers/catalog/catalog-data.json', import.meta.url));
copyFileSync(from, to);
console.log(`copied ${from} -> ${to}`);
