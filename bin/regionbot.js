#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build` and on install by `prepare`). When dist/ is
// missing or older than src/, runs the TypeScript sources through tsx instead, so a checkout that was
// not built still works. REGIONBOT_DEBUG=1 prints which one ran.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chooseEntry } from './entry.js';

const entry = chooseEntry(fileURLToPath(new URL('../', import.meta.url)));
if (process.env.REGIONBOT_DEBUG) process.stderr.write(`regionbot: running ${entry.file} (${entry.reason})\n`);
if (entry.kind === 'src') {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(pathToFileURL(entry.file).href);
