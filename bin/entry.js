// Which entry point bin/regionbot.js runs: the compiled dist/cli/main.js when it is built and up to
// date, else the TypeScript sources through tsx (a checkout that was not built, or src/ edited since).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time (ms) of the files under `dir`, or 0 when there is none. */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    const t = e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/**
 * @param {string} root the package folder (holds src/ and dist/)
 * @param {Record<string, string | undefined>} env REGIONBOT_FROM_SOURCE=1 forces the sources
 * @returns {{ kind: 'dist' | 'src'; file: string; reason: string }}
 */
export function chooseEntry(root, env = process.env) {
  const src = { kind: 'src', file: join(root, 'src', 'cli', 'main.ts') };
  if (env.REGIONBOT_FROM_SOURCE === '1') return { ...src, reason: 'REGIONBOT_FROM_SOURCE=1' };
  let built;
  try {
    built = statSync(join(root, 'dist', '.built')).mtimeMs;
  } catch {
    return { ...src, reason: 'dist/ is not built (npm run build)' };
  }
  if (newestMtime(join(root, 'src')) > built) return { ...src, reason: 'src/ changed since dist/ was built (npm run build)' };
  return { kind: 'dist', file: join(root, 'dist', 'cli', 'main.js'), reason: 'dist/ is up to date' };
}
