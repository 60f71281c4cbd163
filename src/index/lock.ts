/**
 * Crash safety, after SQLite's rollback journal and LMDB's swap. Beside the index folder NAME live:
 *   .NAME.idx-lock  one writer at a time (holds the writer's pid; a dead writer's lock is taken over)
 *   .NAME.idx-tmp   the new index being written; complete once its manifest.json exists
 *   .NAME.idx-old   the previous index, between the two renames of the swap
 * A crash leaves at most these behind; the next build or load (recoverIndex) restores a complete copy
 * when NAME itself is missing and removes the rest. Older versions left `.NAME.tmp-*`/`.NAME.old-*`.
 */
import { hostname } from 'node:os';
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RegionbotError, fsError } from '../errors.js';
import { INDEX_FILES } from './files.js';

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export function sidePaths(outDir: string): { target: string; parent: string; tmp: string; old: string; lock: string } {
  const target = resolve(outDir);
  const parent = dirname(target);
  const base = basename(target);
  return { target, parent, tmp: join(parent, `.${base}.idx-tmp`), old: join(parent, `.${base}.idx-old`), lock: join(parent, `.${base}.idx-lock`) };
}

export const isDir = (p: string): Promise<boolean> => stat(p).then((s) => s.isDirectory(), () => false);

/** Does `dir` hold a regionbot manifest (of any version)? Used to tell our index folders from anything else. */
export async function hasRegionbotManifest(dir: string): Promise<boolean> {
  try {
    const m = JSON.parse(await readFile(join(dir, INDEX_FILES.manifest), 'utf8')) as Record<string, unknown>;
    return typeof m.builder === 'string' && m.builder.startsWith('regionbot') && typeof m.schemaVersion === 'number';
  } catch {
    return false;
  }
}

function alive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(lock: string): Promise<LockHolder | null> {
  try {
    const h = JSON.parse(await readFile(lock, 'utf8')) as LockHolder;
    return typeof h.pid === 'number' ? h : null;
  } catch {
    return null;
  }
}

/** Take the lock once; returns the release function, or the live holder that has it. */
async function tryLock(lock: string): Promise<{ release: () => Promise<void> } | { holder: LockHolder }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(lock, 'wx');
      const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
      try {
        await fh.writeFile(JSON.stringify(me));
      } finally {
        await fh.close();
      }
      return {
        release: async () => {
          const h = await readHolder(lock);
          if (h && h.pid === me.pid && h.since === me.since) await rm(lock, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw fsError(err, `lock ${lock}`);
    }
    const holder = await readHolder(lock);
    if (holder === null) {
      // Being written this instant, or left half-written by a crash: stale once it is a few seconds old.
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 5_000 || attempt > 50) await rm(lock, { force: true });
      else await sleep(20);
      continue;
    }
    if (alive(holder)) return { holder };
    // The writer died (SIGKILL, power loss): its lock is stale.
    await rm(lock, { force: true });
  }
}

export async function acquireLock(outDir: string, options: { onWait?: (holder: LockHolder) => void; lockTimeoutMs?: number }): Promise<() => Promise<void>> {
  const { lock } = sidePaths(outDir);
  const deadline = Date.now() + (options.lockTimeoutMs ?? 600_000);
  let told = false;
  for (;;) {
    const r = await tryLock(lock);
    if ('release' in r) return r.release;
    if (Date.now() >= deadline) {
      throw new RegionbotError(
        'E_INDEX_LOCKED',
        `another regionbot build (pid ${r.holder.pid} on ${r.holder.host}) is writing the index in ${outDir}; wait for it to finish, or delete ${lock} if no build is running`,
      );
    }
    if (!told) options.onWait?.(r.holder);
    told = true;
    await sleep(100);
  }
}

/** Leftover folders of interrupted writes beside `target` (this version's and older versions' names). */
async function leftovers(outDir: string): Promise<{ olds: string[]; tmps: string[]; lock: boolean }> {
  const { parent, target, lock } = sidePaths(outDir);
  const base = basename(target);
  const names = await readdir(parent).catch(() => [] as string[]);
  const olds: string[] = [];
  const tmps: string[] = [];
  for (const n of names) {
    if (n === basename(lock)) continue;
    if (n === `.${base}.idx-old` || (n.startsWith(`.${base}.old-`) && n.length > base.length + 6)) olds.push(join(parent, n));
    else if (n === `.${base}.idx-tmp` || (n.startsWith(`.${base}.tmp-`) && n.length > base.length + 6)) tmps.push(join(parent, n));
  }
  return { olds, tmps, lock: names.includes(basename(lock)) };
}

/** With the lock held: restore a complete copy when the index is missing, remove every other leftover. */
export async function recoverLocked(outDir: string): Promise<string | null> {
  const { target } = sidePaths(outDir);
  const { olds, tmps } = await leftovers(outDir);
  if (olds.length === 0 && tmps.length === 0) return null;
  let restored: string | null = null;
  if (!(await isDir(target))) {
    // Roll back to the previous index when the swap was cut between its renames; else roll forward
    // to a new index whose manifest (written last) shows it complete.
    for (const candidate of [...olds, ...tmps]) {
      if (await hasRegionbotManifest(candidate)) {
        await rename(candidate, target);
        restored = candidate;
        break;
      }
    }
  }
  for (const p of [...olds, ...tmps]) if (p !== restored) await rm(p, { recursive: true, force: true });
  return restored ? `restored the index in ${outDir} from ${basename(restored)} left by an interrupted build` : `removed the leftovers of an interrupted build beside ${outDir}`;
}

/**
 * Repair what a crashed build left beside `outDir` (see above). Cheap when there is nothing to do (one
 * readdir). When a live build holds the lock it is left alone, and a missing index is waited for
 * briefly (the build is between its two renames). Returns what was done, or null.
 */
export async function recoverIndex(outDir: string): Promise<string | null> {
  const found = await leftovers(outDir);
  if (found.olds.length === 0 && found.tmps.length === 0 && !found.lock) return null;
  const { lock, target } = sidePaths(outDir);
  try {
    for (let i = 0; i < 50; i++) {
      const r = await tryLock(lock);
      if ('release' in r) {
        try {
          return await recoverLocked(outDir);
        } finally {
          await r.release();
        }
      }
      if (await isDir(target)) return null;
      await sleep(100);
    }
  } catch {
    // A read-only folder: leave it to the load that follows to report what is missing.
  }
  return null;
}
