/**
 * Starting a worker thread, or finding a child process's module, next to the caller: the compiled
 * `.js` directly, a `.ts` source (tests, `REGIONBOT_FROM_SOURCE`) through tsx's loader. A worker
 * whose module fails to load posts `bootFailure(message)` so its parent can fall back to its own thread.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The URL of tsx's ESM `register` API, for a worker running TypeScript sources. */
export function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports?: Record<string, unknown> };
  const entry = pkg.exports?.['./esm/api'] as { import?: { default?: string } | string } | undefined;
  const rel = typeof entry?.import === 'string' ? entry.import : entry?.import?.default;
  if (!rel) throw new Error('tsx does not export ./esm/api');
  return pathToFileURL(join(dirname(pkgFile), rel)).href;
}

/**
 * The module `name` (without extension) beside `from` (the caller's import.meta.url): `.ts` when the
 * caller runs from the sources (then the module needs tsx), `.js` when compiled.
 */
export function siblingModule(from: string, name: string): { url: URL; ts: boolean } {
  const ts = /\.[cm]?ts$/.test(new URL(from).pathname);
  return { url: new URL(`./${name}.${ts ? 'ts' : 'js'}`, from), ts };
}

/**
 * Start the worker module `name` (without extension) beside `from` (the caller's import.meta.url).
 * `bootFailure` makes the message a worker posts when its module cannot be loaded.
 */
export function spawnWorker(from: string, name: string, bootFailure: (message: string) => unknown, options: WorkerOptions = {}): Worker {
  const { url, ts } = siblingModule(from, name);
  if (!ts) return new Worker(url, options);
  const target = url.href;
  const bootstrap = `
    const { parentPort } = require('node:worker_threads');
    const fail = ${bootFailure.toString()};
    import(${JSON.stringify(tsxApiUrl())})
      .then((m) => { m.register(); return import(${JSON.stringify(target)}); })
      .catch((e) => parentPort.postMessage(fail(String((e && e.stack) || e))));
  `;
  return new Worker(bootstrap, { ...options, eval: true });
}
