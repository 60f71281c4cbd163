#!/usr/bin/env node
/**
 * Compiles src/ to dist/ (tsconfig.build.json), so the CLI and the bot start without a TypeScript
 * compiler at run time. Run by `npm run build` and by `prepare` (so `npm install` and `npm ci` build).
 *
 * dist/ is removed first (no compiled file outlives its source) and dist/.built is written last:
 * bin/regionbot.js uses dist/ only when that stamp exists and is newer than every file in src/, so
 * a failed or out-of-date build falls back to running the sources through tsx.
 *
 * With --if-possible (prepare), a missing TypeScript compiler (an install without dev
 * dependencies) is not an error: the note says the sources will run through tsx.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);
const ifPossible = process.argv.includes('--if-possible');

let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  if (ifPossible) {
    process.stderr.write('regionbot: TypeScript is not installed, so dist/ was not built; the CLI will run the sources through tsx.\n');
    process.exit(0);
  }
  process.stderr.write('regionbot: TypeScript is not installed (npm install --include=dev).\n');
  process.exit(1);
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  process.stderr.write('regionbot: the build failed; dist/ was not written (the CLI will run the sources through tsx).\n');
  rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
  process.exit(r.status ?? 1);
}
// The English word lists, precomputed from natural's 4 MB lexicon (see src/text/english.ts).
const english = await import(new URL('../dist/text/english.js', import.meta.url).href);
const lists = english.wordLists(english.naturalLexicon());
writeFileSync(new URL(`../dist/text/${english.ENGLISH_WORDS_FILE}`, import.meta.url), JSON.stringify({ common: lists.common.join('\n'), proper: lists.proper.join('\n') }));
writeFileSync(new URL('../dist/.built', import.meta.url), `${new Date().toISOString()}\n`);
