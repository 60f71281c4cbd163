/**
 * `regionbot serve` as a process (what the bench runs): against the local Discord stand-in, with
 * REGIONBOT_EVENT_LOOP_REPORT set, it answers, and on SIGTERM writes its event-loop report and exits.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventLoopReport } from '../../src/app/event-loop.js';
import { buildIndex } from '../../src/index/build.js';
import { MessageFlag, startFakeDiscord } from '../support/fake-discord/index.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/regionbot.js');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'regionbot-serve-'));
  await cp(join(root, 'corpus'), join(work, 'corpus'), { recursive: true });
  await buildIndex(join(work, 'corpus'), join(work, 'index'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('serve with REGIONBOT_EVENT_LOOP_REPORT', () => {
  it('answers, and writes {maxBlockMs, p99Ms, samples} on SIGTERM, without the token', async () => {
    const fake = await startFakeDiscord({ interactionDeadlineMs: null });
    const report = join(work, 'loop.json');
    const child = spawn(process.execPath, [bin, 'serve'], {
      cwd: work,
      env: {
        PATH: process.env.PATH ?? '',
        DISCORD_TOKEN: fake.token,
        DISCORD_API_BASE_URL: fake.apiBaseUrl,
        REGIONBOT_INDEX_DIR: join(work, 'index'),
        REGIONBOT_CORPUS_DIR: join(work, 'corpus'),
        REGIONBOT_EVENT_LOOP_REPORT: report,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    try {
      await fake.waitUntil(() => fake.gatewayConnected, 30_000, 'the gateway');
      const ix = await fake.slashCommand('ask', [{ name: 'question', value: "What was Jilin's R&D investment in 2021?" }]);
      const msg = await fake.waitForMessage((m) => m.interaction_id === ix.id && !(m.flags & MessageFlag.Loading) && m.embeds.length > 0, 30_000);
      expect(msg.embeds[0]?.description).toContain('15.95');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const r = JSON.parse(await readFile(report, 'utf8')) as EventLoopReport;
      expect(r.samples).toBeGreaterThan(0);
      expect(typeof r.maxBlockMs).toBe('number');
      expect(r.p99Ms).toBeLessThanOrEqual(r.maxBlockMs);
      expect(r.durationMs).toBeGreaterThan(0);
      const text = await readFile(report, 'utf8');
      expect(text).not.toContain(fake.token);
      expect(output).not.toContain(fake.token);
    } finally {
      child.kill('SIGKILL');
      await exited;
      await fake.close();
    }
  }, 60_000);
});
