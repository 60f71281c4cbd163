/**
 * The fault-tester table, row by row, against the real binary: the index never destroys
 * data, the corpus reader stays inside its folder, and the CLI behaves like a Unix tool.
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildIndex } from '../../src/index/build.js';
import { startFakeDiscord } from '../support/fake-discord/index.js';

const sh = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/regionbot.js');
let work: string;
let index: string;
let n = 0;

type Result = { code: number; stdout: string; stderr: string };

function cli(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: opts.cwd ?? work, env: { PATH: process.env.PATH ?? '', ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** One line on stderr, naming the fix; never "unexpected error", never a stack. */
function expectOneLine(r: Result, message: RegExp): void {
  expect(r.code).not.toBe(0);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/unexpected error|\bat .*:\d+:\d+/);
}

async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

/** A project-like folder: .git, the corpus, a README. */
async function project(): Promise<string> {
  const dir = join(work, `p${n++}`);
  await mkdir(join(dir, '.git'), { recursive: true });
  await writeFile(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  await writeFile(join(dir, 'README.md'), '# project\n');
  await cp(join(root, 'corpus'), join(dir, 'corpus'), { recursive: true });
  return dir;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'regionbot-unix-'));
  index = join(work, 'index');
  await buildIndex(join(root, 'corpus'), index);
}, 60_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the index never destroys data', () => {
  it.each([
    ['index --out corpus', ['index', '--out', 'corpus'], {}, /refusing to write the index to corpus: the folder is not empty and is not a regionbot index; nothing was changed/],
    ['index --out .', ['index', '--out', '.'], {}, /refusing to write the index to \.: the folder is not empty/],
    ['REGIONBOT_INDEX_DIR=corpus start', ['start'], { REGIONBOT_INDEX_DIR: 'corpus' }, /refusing to write the index to corpus/],
  ])('%s is refused with one line, and nothing is touched', async (_name, args, env, message) => {
    const dir = await project();
    const before = await tree(dir);
    const r = await cli(args, { cwd: dir, env });
    expectOneLine(r, message);
    expect(await tree(dir)).toEqual(before);
    expect(await tree(join(dir, '..'))).toContain(`p${n - 1}`);
  });

  it.each([
    ['an emptied corpus', async (c: string) => {
      for (const f of await readdir(c)) await rm(join(c, f));
    }],
    ['an all-junk corpus', async (c: string) => {
      for (const f of await readdir(c)) await writeFile(join(c, f), Buffer.from([0, 1, 2, 3]));
    }],
  ])('index on %s keeps the good index; --allow-empty replaces it', async (_name, spoil) => {
    const dir = await project();
    expect((await cli(['index'], { cwd: dir })).code).toBe(0);
    const manifest = await readFile(join(dir, 'index', 'manifest.json'), 'utf8');
    await spoil(join(dir, 'corpus'));
    const r = await cli(['index'], { cwd: dir });
    expectOneLine(r, /gave no articles .* so the index in index \(5 articles\) was kept; fix the corpus, or rebuild with --allow-empty to replace it/);
    expect(await readFile(join(dir, 'index', 'manifest.json'), 'utf8')).toBe(manifest);
    const forced = await cli(['index', '--allow-empty'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^indexed 0 documents/);
  });
});

describe('the corpus reader stays inside the corpus', () => {
  it('a symlink to /etc/passwd is skipped with a reason, and never shows in inspect', async () => {
    const dir = await project();
    await symlink('/etc/passwd', join(dir, 'corpus', 'passwd.txt'));
    const r = await cli(['index'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/indexed 5 documents/);
    expect(r.stdout).toContain('skipped passwd.txt: symlink to a file outside the corpus folder (not followed)');
    const i = await cli(['inspect'], { cwd: dir });
    expect(i.stdout).not.toMatch(/root:|passwd/);
  });

  it.each([
    ['a 5 MB article (default limit 4 MB)', 5 * 1024 * 1024, {}, /skipped big\.txt: too large \(5\.0 MB, the limit is 4\.0 MB; raise it with REGIONBOT_MAX_ARTICLE_MB\)/],
    ['a 200 KB article with REGIONBOT_MAX_ARTICLE_MB=0.1', 200 * 1024, { REGIONBOT_MAX_ARTICLE_MB: '0.1' }, /skipped big\.txt: too large \(0\.20 MB, the limit is 0\.10 MB/],
  ])('%s is skipped with a reason', async (_name, size, env, message) => {
    const dir = await project();
    const line = 'Harbin said its R&D investment grew by 5 percent. ';
    await writeFile(join(dir, 'corpus', 'big.txt'), 'Harbin Report\n\n' + line.repeat(Math.ceil(size / line.length)));
    const r = await cli(['index'], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/indexed 5 documents/);
    expect(r.stdout).toMatch(message);
  });

  it('the same article under two names is indexed once, with a warning naming both, and no duplicate metric rows', async () => {
    const dir = await project();
    await cp(join(dir, 'corpus', '000_0ae20fc01c1a99ca.txt'), join(dir, 'corpus', 'copy-of-jilin.txt'));
    const r = await cli(['index'], { cwd: dir });
    expect(r.stdout).toMatch(/indexed 5 documents/);
    expect(r.stdout).toContain('skipped copy-of-jilin.txt: identical to 000_0ae20fc01c1a99ca.txt (the same bytes; indexed once, as 000_0ae20fc01c1a99ca.txt)');
    const m = JSON.parse((await cli(['metric', 'high-tech enterprises', '--json'], { cwd: dir })).stdout);
    const docs = m.rows.map((x: { doc: string; value: number }) => `${x.doc}:${x.value}`);
    expect(new Set(docs).size).toBe(docs.length);
  });
});

describe('the CLI behaves like a Unix tool', () => {
  it.each([
    ['coverage', ['coverage']],
    ['inspect --json', ['inspect', '--json']],
    ['ask --json from stdin', ['ask', '--json']],
  ])('%s into a reader that stops after the first chunk ends quietly (no EPIPE trace)', async (_name, args) => {
    const r = await new Promise<Result>((resolve) => {
      const child = spawn(process.execPath, [bin, ...args, '--index', index], { cwd: work, env: { PATH: process.env.PATH ?? '' } });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (code) => resolve({ code: code ?? -1, stdout: '', stderr }));
      child.stdin.end('how many high-tech enterprises does jilin have\n'.repeat(2000));
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('coverage | head -1 through a real shell pipe prints one line and no error', async () => {
    const { stdout, stderr } = await sh('bash', ['-c', `set -o pipefail; node ${bin} inspect --json --index ${index} | head -1; node ${bin} coverage --index ${index} | head -1`]);
    expect(stdout).toBe('[\n5 articles\n');
    expect(stderr).toBe('');
  });

  it('ask --json with no question and a terminal on stdin says how to use it instead of waiting', async () => {
    const cmd = `node ${bin} ask --json --index ${index}`;
    const { stdout } = await sh('script', ['-qec', cmd, '/dev/null'], { cwd: work, timeout: 20_000 }).catch((e: { stdout: string }) => e);
    expect(stdout).toMatch(/ask --json with no question reads JSON Lines from standard input; pipe them in/);
  });

  it.each([
    [['ask', '--json', ''], /the question is empty; give one/],
    [['ask', '--json', '   '], /the question is empty; give one/],
  ])('%j fails with one line', async (args, message) => {
    expectOneLine(await cli([...args, '--index', index]), message);
  });

  it.each(['ask', 'index', 'metric', 'deploy-commands'])('regionbot help %s and regionbot %s --help print the same command help', async (name) => {
    const a = await cli(['help', name]);
    const b = await cli([name, '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(new RegExp(`^Usage: regionbot ${name}`));
    expect(a.stdout).not.toMatch(/^Commands:/m);
  });

  it('help in the terminal chat prints how to ask, not an article quote', async () => {
    const r = await cli(['chat', '--index', index], { input: 'help\nhelp ask\nexit\n' });
    expect(r.code).toBe(0);
    expect(r.stdout.match(/Ask me about the numbers in my articles/g)).toHaveLength(2);
    expect(r.stdout).toContain('For the command line, run regionbot help');
    expect(r.stdout).not.toMatch(/\[1\]/);
  });
});

describe('every failure a user can cause is one line naming the fix', () => {
  it('a well-formed but wrong DISCORD_TOKEN', async () => {
    const fake = await startFakeDiscord();
    try {
      const r = await cli(['serve'], { env: { DISCORD_TOKEN: 'A'.repeat(24) + '.wrong.token-value', DISCORD_API_BASE_URL: fake.apiBaseUrl, REGIONBOT_INDEX_DIR: index, REGIONBOT_CORPUS_DIR: join(root, 'corpus'), LOG_LEVEL: 'silent' } });
      expectOneLine(r, /^regionbot: Discord rejected DISCORD_TOKEN \(invalid token\); copy the bot token again from the Discord Developer Portal/);
      expect(r.stderr).not.toContain('wrong.token');
    } finally {
      await fake.close();
    }
  });

  it('no network (nothing listens at the API address)', async () => {
    const r = await cli(['serve'], { env: { DISCORD_TOKEN: 'A'.repeat(24) + '.some.token-value', DISCORD_API_BASE_URL: 'http://127.0.0.1:9/api', REGIONBOT_INDEX_DIR: index, REGIONBOT_CORPUS_DIR: join(root, 'corpus'), LOG_LEVEL: 'silent' } });
    expectOneLine(r, /^regionbot: cannot reach Discord \(ECONNREFUSED\); check the network connection/);
  });

  it('disk full while writing a chart', async () => {
    const r = await cli(['metric', 'high-tech enterprises', '--chart', '/dev/full', '--index', index]);
    expectOneLine(r, /^regionbot: cannot write the chart to \/dev\/full \(ENOSPC\): the disk is full; free some space and try again\n$/);
  });

  it('an index of another version names both versions', async () => {
    const dir = join(work, `v${n++}`);
    await cp(index, dir, { recursive: true });
    const m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...m, searchOptionsVersion: m.searchOptionsVersion + 1 }));
    const r = await cli(['ask', '--index', dir, 'hello']);
    expectOneLine(r, /built by another version of regionbot \(regionbot [\d.]+: schema (\d+), search options (\d+), lexicon \w+; this version reads schema \1, search options (?!\2)\d+, lexicon \w+\); run `regionbot index`/);
  });

  it.each([
    ['REGIONBOT_COOLDOWN_SECONDS', '0x10', /REGIONBOT_COOLDOWN_SECONDS must be a number of seconds from 0 to 3600, in plain digits/],
    ['REGIONBOT_COOLDOWN_SECONDS', '1e3', /REGIONBOT_COOLDOWN_SECONDS must be a number of seconds/],
    ['REGIONBOT_CHANNELS', 'general', /REGIONBOT_CHANNELS must be a comma-separated list/],
  ])('%s=%s is refused by serve, not accepted', async (name, value, message) => {
    const r = await cli(['serve'], { env: { [name]: value, DISCORD_TOKEN: 'A'.repeat(24) + '.some.token-value', REGIONBOT_INDEX_DIR: index } });
    expectOneLine(r, message);
  });

  it.each([
    ['0x10', false],
    ['16', true],
    ['2.5', true],
    ['-1', false],
  ])('loadConfig: REGIONBOT_COOLDOWN_SECONDS=%s accepted: %s', (value, ok) => {
    const c = loadConfig({ REGIONBOT_COOLDOWN_SECONDS: value });
    expect(c.discordProblem === undefined).toBe(ok);
  });

  it('a malformed DISCORD_TOKEN does not block asking in the terminal', async () => {
    const r = await cli(['ask', '--index', index, '--json', 'how many high-tech enterprises does jilin have'], { env: { DISCORD_TOKEN: 'not a token' } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).answered).toBe(true);
  });
});
