import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build.js';
import { loadIndex } from '../../src/index/store.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/regionbot.js');
let work: string;
let index: string;

async function cli(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: work, env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'regionbot-cli-'));
  index = join(work, 'index');
  await buildIndex(join(root, 'corpus'), index);
}, 60_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('regionbot ask', () => {
  it('answers with --json in the documented shape, citing the sentence that holds the number', async () => {
    const r = await cli(['ask', '--index', index, '--json', "What was Jilin's R&D investment in 2021?"]);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(Object.keys(a).sort()).toEqual(['answer', 'answered', 'citations', 'intent', 'question']);
    expect(a.answered).toBe(true);
    expect(a.intent).toBe('numeric');
    expect(a.answer).toContain('**RMB 15.95 billion**');
    expect(a.citations[0].doc).toBe('000_0ae20fc01c1a99ca.txt');
    expect(a.citations[0].snippet).toContain('RMB15.95 billion');
    expect(a.citations[0].date).toBe('2021-12-16');
  });

  it('reads JSON Lines from stdin with --json and no question: one output line per input line, in order', async () => {
    const lines = [
      '{"question": "how many high-tech enterprises does jilin have"}',
      '',
      "what is harbin's r&d investment",
      'x'.repeat(600),
      '{"question": 42}',
      '{not json',
      'hello',
    ];
    const r = await cli(['ask', '--index', index, '--json'], lines.join('\n') + '\n');
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(lines.length);
    expect(out[0].question).toBe('how many high-tech enterprises does jilin have');
    expect(out[0].answered).toBe(true);
    expect(out[0].answer).toContain('2705');
    expect(out[1]).toMatchObject({ answered: false, error: 'E_QUESTION', answer: expect.stringMatching(/empty/) });
    expect(out[2].answered).toBe(false);
    expect(out[2].answer).toMatch(/couldn't find Harbin/);
    expect(out[3].answered).toBe(false);
    expect(out[3].answer).toMatch(/too long/);
    expect(out[4]).toMatchObject({ answered: false, error: 'E_QUESTION', answer: expect.stringMatching(/no "question" string/) });
    expect(out[5]).toMatchObject({ answered: false, error: 'E_QUESTION', answer: expect.stringMatching(/not valid JSON/) });
    expect(out[6].answered).toBe(false);
    for (const o of out) expect(Object.keys(o)).toEqual(expect.arrayContaining(['question', 'answered', 'answer', 'citations']));
  });

  it('never echoes more than a short prefix of an oversized question', async () => {
    const huge = 'what is the r&d investment of jilin '.repeat(30_000);
    const r = await cli(['ask', '--index', index, '--json'], huge + '\n');
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeLessThan(1000);
    const a = JSON.parse(r.stdout);
    expect(a.answer).toMatch(/too long/);
    expect(a.question).toMatch(/^what is the r&d investment of jilin .*… \(\d+ characters\)$/);
  });

  it.each([
    [['ask', '--index', 'INDEX', ''], /question/],
    [['ask', '--index', 'nowhere', 'hello'], /no index in nowhere; run `regionbot index`/],
    [['ask', '--bogus'], /Unknown option/],
    [['nope'], /unknown command "nope"/],
  ])('fails with one clear line and no stack: %j', async (args, message) => {
    const r = await cli(args.map((a) => (a === 'INDEX' ? index : a)));
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('refuses a corrupt index with the command that fixes it', async () => {
    const broken = join(work, 'broken');
    await buildIndex(join(root, 'corpus'), broken);
    await writeFile(join(broken, 'docs.jsonl'), '{ not json');
    const r = await cli(['ask', '--index', broken, 'hello']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^regionbot: the index in .* is corrupt \(docs\.jsonl line 1 is not valid JSON\); run `regionbot index` to rebuild it$/);
    await buildIndex(join(root, 'corpus'), broken);
    await writeFile(join(broken, 'facts.bin'), 'RBX1 and then nothing');
    const b = await cli(['ask', '--index', broken, 'hello']);
    expect(b.code).toBe(1);
    expect(b.stderr.trim()).toMatch(/^regionbot: the index in .* is corrupt \(facts\.bin: [^)]+\); run `regionbot index` to rebuild it$/);
  });

  it('rejects a bad Discord variable by name without echoing its value, only where Discord is used', async () => {
    const env = { PATH: process.env.PATH ?? '', DISCORD_TOKEN: 'secret token with spaces', REGIONBOT_INDEX_DIR: index };
    const serve = await run(process.execPath, [bin, 'serve'], { cwd: work, env }).catch((e) => e);
    expect(serve.stderr.trim()).toBe('regionbot: DISCORD_TOKEN does not look like a Discord bot token (see .env.example)');
    expect(serve.stderr).not.toMatch(/secret token/);
    const ask = await run(process.execPath, [bin, 'ask', '--json', 'how many high-tech enterprises does jilin have'], { cwd: work, env });
    expect(JSON.parse(ask.stdout).answered).toBe(true);
  });
});

describe('regionbot index, inspect, metric, coverage', () => {
  it('index prints a summary and skipped files', async () => {
    const corpus = join(work, 'corpus-with-bad');
    await run('cp', ['-r', join(root, 'corpus'), corpus]);
    await writeFile(join(corpus, 'empty.txt'), '');
    const r = await cli(['index', '--corpus', corpus, '--out', join(work, 'idx2')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/indexed 5 documents: \d+ chunks, \d+ facts/);
    expect(r.stdout).toMatch(/skipped empty\.txt: empty file/);
  });

  it('inspect shows each article with its title and ISO date', async () => {
    const r = await cli(['inspect', '--index', index]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Jilin Province Will Firmly Implement the Innovation-driven Development Strategy');
    expect(r.stdout).toContain('2018-04-11');
    expect(r.stdout).not.toContain('Investment Dynamics');
  });

  it('metric lists metrics and shows one as JSON', async () => {
    const list = await cli(['metric', '--index', index]);
    expect(list.stdout).toMatch(/high-tech enterprises\s+4/);
    const r = await cli(['metric', '--index', index, 'high-tech enterprises', '--json']);
    const t = JSON.parse(r.stdout);
    const values = t.rows.filter((x: { kind: string }) => x.kind === 'count').map((x: { value: number; status: string; year: number }) => [x.value, x.status, x.year]);
    expect(values).toEqual([[524, 'actual', 2018], [2705, 'actual', 2021], [2000, 'target', 2024]]);
  });

  it('coverage lists regions and years', async () => {
    const r = await cli(['coverage', '--index', index]);
    expect(r.stdout).toMatch(/Jilin/);
    expect(r.stdout).toMatch(/Jiangyin/);
    expect(r.stdout).toMatch(/2021/);
  });
});

describe('terminal chat', () => {
  it('gives the same answers as ask, rendered for a terminal', async () => {
    const { runChat } = await import('../../src/cli/chat.js');
    const loaded = await loadIndex(index);
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d) => (text += d));
    const done = runChat(loaded, input, output);
    input.end("What was Jilin's R&D investment in 2021?\n\n@everyone how many hi-tech firms does jilin have\nexit\n");
    await done;
    expect(text).toContain('RMB 15.95 billion: R&D investment of the whole society, Jilin, 2021');
    expect(text).toContain('2705');
    expect(text).not.toContain('**');
  });
});
