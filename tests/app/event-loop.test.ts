import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCK_MS, monitorEventLoop, type EventLoopReport } from '../../src/app/event-loop.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('monitorEventLoop', () => {
  it('measures a synchronous block, says when it happened, and writes the report on stop', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'regionbot-loop-'));
    dirs.push(dir);
    const file = join(dir, 'loop.json');
    const monitor = monitorEventLoop({ file });
    await sleep(60);
    block(150);
    await sleep(60);
    monitor.stop();
    const report = JSON.parse(await readFile(file, 'utf8')) as EventLoopReport;
    expect(report).toEqual(monitor.report());
    expect(report.maxBlockMs).toBeGreaterThanOrEqual(140);
    expect(report.maxBlockMs).toBeLessThan(1000);
    expect(report.p99Ms).toBeLessThanOrEqual(report.maxBlockMs);
    expect(report.samples).toBeGreaterThan(10);
    expect(report.durationMs).toBeGreaterThanOrEqual(250);
    // The block is listed, about 60 ms after the start.
    const long = report.blocks.filter((b) => b.ms > BLOCK_MS);
    expect(long.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...long.map((b) => b.ms))).toBeGreaterThanOrEqual(100);
    expect(long[0]!.atMs).toBeGreaterThanOrEqual(40);
    // stop() is idempotent and the numbers stay put.
    monitor.stop();
    expect(monitor.report().durationMs).toBe(report.durationMs);
  });

  it('a loop that is never blocked long reports no long block', async () => {
    const monitor = monitorEventLoop();
    for (let i = 0; i < 10; i++) {
      block(5);
      await sleep(5);
    }
    monitor.stop();
    const r = monitor.report();
    expect(r.samples).toBeGreaterThan(0);
    // Loose bound: a shared test machine may preempt the process for a while.
    expect(r.maxBlockMs).toBeLessThan(150);
    expect(r.blocks.every((b) => b.ms > BLOCK_MS)).toBe(true);
  });
});
