/**
 * A real index build in its own process, for the crash test: `node --import tsx build-child.ts CORPUS
 * OUT STAGE` builds CORPUS into OUT and, on reaching STAGE ('building' or a WriteStage), prints
 * "paused STAGE" and waits forever, so the test can SIGKILL it at exactly that point.
 */
import { buildIndex } from '../../src/index/build.js';

const [corpus, out, pauseAt] = process.argv.slice(2) as [string, string, string];

function pause(stage: string): Promise<void> {
  if (stage !== pauseAt) return Promise.resolve();
  process.stdout.write(`paused ${stage}\n`);
  setInterval(() => undefined, 1000);
  return new Promise<void>(() => undefined);
}

let paused = false;
await buildIndex(corpus, out, {
  onProgress: (p) => {
    // Block the (synchronous) build itself half-way through the articles.
    if (pauseAt === 'building' && !paused && p.done === Math.floor(p.total / 2)) {
      paused = true;
      process.stdout.write('paused building\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    }
  },
  onStage: pause,
});
process.stdout.write('done\n');
