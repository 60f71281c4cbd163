import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegionbotError } from '../../src/errors.js';
import { fingerprint, readCorpus, unreadableReason, type CorpusListing } from '../../src/corpus/load.js';

const GOOD_TXT = 'Jilin Builds New Laboratories\n2022-02-03\n\nJilin is building eight key laboratories.\n';
const GOOD_MD = '# Changchun Opens A Fund\n\nChangchun opened a fund of RMB 1 billion.\n';
/** "吉林省科技创新" encoded as GBK: valid text, but not UTF-8. */
const GBK = Buffer.from([0xbc, 0xaa, 0xc1, 0xd6, 0xca, 0xa1, 0xbf, 0xc6, 0xbc, 0xbc, 0xb4, 0xb4, 0xd0, 0xc2]);

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

let dir: string;
let listing: CorpusListing;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regionbot-load-'));
  await writeFile(join(dir, 'good.txt'), GOOD_TXT);
  await writeFile(join(dir, 'notes.md'), GOOD_MD);
  await writeFile(join(dir, 'empty.txt'), '');
  await writeFile(join(dir, 'blank.txt'), '  \n\n\t \n');
  await writeFile(join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x41, 0x42, 0x43]));
  await writeFile(join(dir, 'gbk.txt'), Buffer.concat([Buffer.from('Title '), GBK, GBK, GBK, Buffer.from('\n')]));
  await writeFile(join(dir, 'digits.txt'), '2021 2022 12.5 % 100\n');
  await writeFile(join(dir, 'report.pdf'), '%PDF-1.4 fake');
  await writeFile(join(dir, '.hidden.txt'), 'Hidden Article Should Be Ignored\n');
  await mkdir(join(dir, 'folder.txt'));
  await mkdir(join(dir, 'sub'));
  listing = await readCorpus(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readCorpus', () => {
  it('reads the good .txt and .md files, sorted by name, with hash, size and modification time', async () => {
    expect(listing.files.map((f) => f.name)).toEqual(['good.txt', 'notes.md']);
    const [txt, md] = listing.files;
    expect(txt).toEqual({ name: 'good.txt', sha256: sha256(GOOD_TXT), bytes: Buffer.byteLength(GOOD_TXT), mtimeMs: (await stat(join(dir, 'good.txt'))).mtimeMs, text: GOOD_TXT });
    expect(md).toEqual({ name: 'notes.md', sha256: sha256(GOOD_MD), bytes: Buffer.byteLength(GOOD_MD), mtimeMs: (await stat(join(dir, 'notes.md'))).mtimeMs, text: GOOD_MD });
  });

  it.each([
    ['empty.txt', /empty/i],
    ['blank.txt', /empty|white space/i],
    ['binary.txt', /binary/i],
    ['gbk.txt', /utf-?8/i],
    ['digits.txt', /no text/i],
    ['report.pdf', /\.txt or \.md/i],
    ['folder.txt', /not a regular file/i],
  ])('skips %s with a reason naming why', (file, reason) => {
    const entry = listing.skipped.find((s) => s.file === file);
    expect(entry, `${file} in skipped`).toBeDefined();
    expect(entry!.reason).toMatch(reason);
    expect(listing.files.some((f) => f.name === file)).toBe(false);
  });

  it('ignores hidden files and plain folders entirely', () => {
    const all = [...listing.files.map((f) => f.name), ...listing.skipped.map((s) => s.file)];
    expect(all).not.toContain('.hidden.txt');
    expect(all).not.toContain('sub');
    expect(listing.skipped).toHaveLength(7);
  });

  it('a missing folder is a RegionbotError E_CORPUS', async () => {
    const err = await readCorpus(join(dir, 'does-not-exist')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegionbotError);
    expect((err as RegionbotError).code).toBe('E_CORPUS');
    expect((err as RegionbotError).message).toMatch(/^regionbot: /);
  });

  it('a file given as the corpus folder is a RegionbotError E_CORPUS', async () => {
    const err = await readCorpus(join(dir, 'good.txt')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegionbotError);
    expect((err as RegionbotError).code).toBe('E_CORPUS');
    expect((err as RegionbotError).message).toContain('not a folder');
  });
});

describe('unreadableReason', () => {
  it.each([
    ['empty', Buffer.alloc(0), /empty/],
    ['NUL bytes', Buffer.from('Jilin\0province'), /binary/],
    ['GBK bytes', Buffer.concat([GBK, GBK]), /UTF-8/],
    ['white space only', Buffer.from(' \n\t\n'), /white space/],
    ['no letters', Buffer.from('12 34 ... 56'), /no text/],
  ])('%s -> a reason', (_name, bytes, reason) => {
    expect(unreadableReason(bytes)).toMatch(reason);
  });

  it.each([
    ['English text', Buffer.from('Jilin province is innovating.')],
    ['Chinese UTF-8 text', Buffer.from('吉林省科技创新')],
    ['one stray invalid byte in a long text', Buffer.concat([Buffer.from('Jilin '.repeat(100)), Buffer.from([0xff])])],
  ])('%s is readable', (_name, bytes) => {
    expect(unreadableReason(bytes)).toBeNull();
  });
});

describe('fingerprint', () => {
  const a = { name: 'a.txt', sha256: sha256('alpha') };
  const b = { name: 'b.txt', sha256: sha256('beta') };

  it('is a sha256 hex digest that does not depend on the order of the files', () => {
    expect(fingerprint([a, b])).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint([b, a])).toBe(fingerprint([a, b]));
  });

  it.each([
    ['content changes', [a, { ...b, sha256: sha256('beta!') }]],
    ['a file is renamed', [a, { ...b, name: 'c.txt' }]],
    ['a file is removed', [a]],
    ['a file is added', [a, b, { name: 'd.txt', sha256: sha256('delta') }]],
  ])('changes when %s', (_name, files) => {
    expect(fingerprint(files)).not.toBe(fingerprint([a, b]));
  });

  it('changes when a file on disk changes, and only then', async () => {
    const before = fingerprint((await readCorpus(dir)).files);
    expect(fingerprint((await readCorpus(dir)).files)).toBe(before);
    await writeFile(join(dir, 'good.txt'), `${GOOD_TXT}It opens next year.\n`);
    try {
      expect(fingerprint((await readCorpus(dir)).files)).not.toBe(before);
    } finally {
      await writeFile(join(dir, 'good.txt'), GOOD_TXT);
    }
    expect(fingerprint((await readCorpus(dir)).files)).toBe(before);
  });
});

describe('the corpus reader stays inside the corpus folder', () => {
  let corpus: string;
  let outside: string;
  let stays: CorpusListing;
  const INSIDE = 'Harbin Opens A Research Park\n2023-05-06\n\nHarbin opened a research park with 40 companies.\n';

  beforeAll(async () => {
    corpus = await mkdtemp(join(tmpdir(), 'regionbot-inside-'));
    outside = await mkdtemp(join(tmpdir(), 'regionbot-outside-'));
    await writeFile(join(outside, 'secret.txt'), 'root:x:0:0:root:/root:/bin/bash\nSecret Words Outside The Corpus\n');
    await writeFile(join(corpus, 'park.txt'), INSIDE);
    await mkdir(join(corpus, 'archive'));
    await writeFile(join(corpus, 'archive', 'lab.txt'), 'Dalian Builds A Lab\n2020-01-02\n\nDalian built a lab worth RMB 3 million.\n');
    await symlink(join(outside, 'secret.txt'), join(corpus, 'passwd.txt'));
    await symlink('/etc/passwd', join(corpus, 'etc-passwd.txt'));
    await symlink(join(corpus, 'nowhere.txt'), join(corpus, 'dangling.txt'));
    await symlink(join(corpus, 'archive', 'lab.txt'), join(corpus, 'lab-link.txt'));
    stays = await readCorpus(corpus);
  });
  afterAll(async () => {
    await rm(corpus, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it.each([
    ['passwd.txt', /symlink to a file outside the corpus folder \(not followed\)/],
    ['etc-passwd.txt', /symlink to a file outside the corpus folder \(not followed\)/],
    ['dangling.txt', /broken symlink/],
  ])('does not follow %s, and says so', (file, reason) => {
    expect(stays.files.map((f) => f.name)).not.toContain(file);
    expect(stays.skipped.find((s) => s.file === file)?.reason).toMatch(reason);
    expect(stays.files.some((f) => f.text.includes('root:x:0:0') || f.text.includes('Secret Words'))).toBe(false);
  });

  it('follows a symlink that stays inside the corpus', () => {
    expect(stays.files.map((f) => f.name)).toEqual(['lab-link.txt', 'park.txt']);
  });
});

describe('size limit and duplicates', () => {
  let corpus: string;
  const ARTICLE = 'Shenyang Funds Robot Makers\n2022-07-08\n\nShenyang gave robot makers RMB 80 million.\n';

  beforeAll(async () => {
    corpus = await mkdtemp(join(tmpdir(), 'regionbot-size-'));
    await writeFile(join(corpus, 'a-robots.txt'), ARTICLE);
    await writeFile(join(corpus, 'b-robots-copy.txt'), ARTICLE);
    await writeFile(join(corpus, 'c-huge.txt'), 'Huge Article\n\n' + 'Shenyang makes robots. '.repeat(100_000));
  });
  afterAll(async () => {
    await rm(corpus, { recursive: true, force: true });
  });

  it.each([
    ['the default limit', undefined, ['a-robots.txt', 'c-huge.txt']],
    ['a limit of 1 MB', 1024 * 1024, ['a-robots.txt']],
    ['a limit of 100 bytes', 100, ['a-robots.txt']],
    ['a limit of 50 bytes', 50, []],
  ])('with %s, files over it are skipped with a reason', async (_name, limit, expected) => {
    const l = await readCorpus(corpus, limit === undefined ? {} : { maxArticleBytes: limit });
    expect(l.files.map((f) => f.name)).toEqual(expected);
    for (const s of l.skipped.filter((x) => /too large/.test(x.reason))) expect(s.reason).toMatch(/too large \([\d.]+ MB, the limit is [\d.]+ MB; raise it with REGIONBOT_MAX_ARTICLE_MB\)/);
  });

  it('a file over the default limit (4 MB) is skipped without being read', async () => {
    await writeFile(join(corpus, 'd-dump.txt'), Buffer.alloc(5 * 1024 * 1024, 'a'));
    const l = await readCorpus(corpus);
    expect(l.skipped.find((s) => s.file === 'd-dump.txt')?.reason).toMatch(/too large \(5\.0 MB, the limit is 4\.0 MB/);
    await rm(join(corpus, 'd-dump.txt'));
  });

  it('byte-identical articles are read once, with a warning naming both files', async () => {
    const l = await readCorpus(corpus);
    expect(l.files.filter((f) => f.text === ARTICLE).map((f) => f.name)).toEqual(['a-robots.txt']);
    expect(l.skipped.find((s) => s.file === 'b-robots-copy.txt')?.reason).toBe('identical to a-robots.txt (the same bytes; indexed once, as a-robots.txt)');
  });
});
