import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseEntry } from '../../bin/entry.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A package folder with src/cli/main.ts (and, when `built` is set, dist/ stamped at that time). */
function layout(opts: { srcTime: number; built?: number; nestedSrcTime?: number }): string {
  const root = mkdtempSync(join(tmpdir(), 'regionbot-entry-'));
  dirs.push(root);
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  const main = join(root, 'src', 'cli', 'main.ts');
  writeFileSync(main, '');
  utimesSync(main, opts.srcTime, opts.srcTime);
  if (opts.nestedSrcTime !== undefined) {
    mkdirSync(join(root, 'src', 'index'));
    const f = join(root, 'src', 'index', 'build.ts');
    writeFileSync(f, '');
    utimesSync(f, opts.nestedSrcTime, opts.nestedSrcTime);
  }
  if (opts.built !== undefined) {
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(root, 'dist', 'cli', 'main.js'), '');
    const stamp = join(root, 'dist', '.built');
    writeFileSync(stamp, '');
    utimesSync(stamp, opts.built, opts.built);
  }
  return root;
}

describe('bin/regionbot.js entry choice', () => {
  it.each([
    { name: 'dist built after the last source change', srcTime: 1000, built: 2000, env: {}, kind: 'dist' },
    { name: 'no dist (a checkout that was not built)', srcTime: 1000, built: undefined, env: {}, kind: 'src' },
    { name: 'a source edited after the build', srcTime: 3000, built: 2000, env: {}, kind: 'src' },
    { name: 'a nested source edited after the build', srcTime: 1000, nestedSrcTime: 3000, built: 2000, env: {}, kind: 'src' },
    { name: 'REGIONBOT_FROM_SOURCE=1 forces the sources', srcTime: 1000, built: 2000, env: { REGIONBOT_FROM_SOURCE: '1' }, kind: 'src' },
  ])('$name -> $kind', ({ srcTime, built, nestedSrcTime, env, kind }) => {
    const root = layout({ srcTime, ...(built !== undefined ? { built } : {}), ...(nestedSrcTime !== undefined ? { nestedSrcTime } : {}) });
    const entry = chooseEntry(root, env);
    expect(entry.kind).toBe(kind);
    expect(entry.file).toBe(kind === 'dist' ? join(root, 'dist', 'cli', 'main.js') : join(root, 'src', 'cli', 'main.ts'));
  });
});
