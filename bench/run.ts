/**
 * The performance instrument (see bench/README.md). For each corpus size: generates a corpus by
 * recombining real articles' sentences, builds the index, then in a fresh process measures load,
 * retained memory and answer latency against a minimal BM25 over the same chunks, and times the cold
 * start of `ask` and of the bot. Writes bench/results/latest.json and latest.md and prints the table
 * with the change from the previous run of each size.
 *
 *   npm run bench                       # 1k chunks
 *   npm run bench -- --size 10k         # or BENCH_CHUNKS=10000; --size all for 1k, 10k and 100k
 *   npm run bench -- --reps 5 --cold 3  # repetitions of the question set; cold-start runs (0: skip)
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chooseEntry } from '../bin/entry.js';
import type * as BuildModule from '../src/index/build.js';
import { generateCorpus, readSources, sourceDirs } from './lib/generate.js';
import { benchQuestions } from './lib/questions.js';
import { SIZES, markdownTable, mergeResults, type BotEventLoop, type Results, type SizeResult } from './lib/report.js';
import { median } from './lib/stats.js';
import type { MeasureResult } from './measure.js';

const root = resolve(new URL('../', import.meta.url).pathname);
const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    reps: { type: 'string' },
    cold: { type: 'string' },
    'no-bot': { type: 'boolean' },
    seed: { type: 'string' },
  },
});

function sizeName(s: string): string {
  if (SIZES[s]) return s;
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`unknown size "${s}" (1k, 10k, 100k, all, or a number of chunks)`);
  return Object.keys(SIZES).find((k) => SIZES[k] === n) ?? String(n);
}

const sizeArg = values.size ?? process.env.BENCH_CHUNKS ?? '1k';
const sizes = sizeArg === 'all' ? Object.keys(SIZES) : sizeArg.split(',').map(sizeName);
const seed = Number(values.seed ?? 42);
const coldRuns = Number(values.cold ?? 5);
const withBot = !values['no-bot'];
const work = resolve(process.env.BENCH_DIR ?? join(root, 'tmp', 'bench'));
const resultsDir = join(root, 'bench', 'results');
await mkdir(work, { recursive: true });
await mkdir(resultsDir, { recursive: true });

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    // The results this run rewrites are not the code it measures.
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bench', 'bin', ':!bench/results'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? await dirBytes(p) : (await stat(p)).size;
  }
  return total;
}

/** Run a process to its end; its stdout, exit code and wall time. */
function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  return new Promise((done) => {
    const t = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd ?? root, env: opts.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr, ms: performance.now() - t }));
  });
}

const bin = join(root, 'bin', 'regionbot.js');
const cleanEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' });

async function coldAsk(indexDir: string, question: string): Promise<SizeResult['coldStart']['ask']> {
  if (coldRuns <= 0) return null;
  const times: number[] = [];
  for (let i = 0; i < coldRuns; i++) {
    const r = await run(process.execPath, [bin, 'ask', '--index', indexDir, question], { cwd: work, env: cleanEnv() });
    if (r.code !== 0) throw new Error(`ask failed (${r.code}): ${r.stderr.trim()}`);
    times.push(r.ms);
  }
  return { medianMs: Math.round(median(times)), minMs: Math.round(Math.min(...times)), runs: times.length, entry: chooseEntry(root).kind };
}

/** The admin's permissions for /reindex (Manage Server), as tests/discord/e2e.test.ts sends them. */
const MANAGE_GUILD = 1n << 5n;
/** How long a /reindex may take before the bench gives up on it (a 100k rebuild takes minutes on 2 cores). */
const REINDEX_TIMEOUT_MS = 20 * 60_000;

/**
 * Spawn `serve` against the local Discord stand-in and time spawn -> the first answer to /ask. The
 * first run then sends /reindex (as an admin) and waits for its reply; the bot reports its event
 * loop from login until shutdown (REGIONBOT_EVENT_LOOP_REPORT), which is read after SIGTERM.
 */
async function coldBot(indexDir: string, corpusDir: string, question: string, size: string): Promise<{ bot: SizeResult['coldStart']['bot']; eventLoop: BotEventLoop | null }> {
  if (coldRuns <= 0 || !withBot) return { bot: null, eventLoop: null };
  const { startFakeDiscord, MessageFlag, DEFAULT_MEMBER_PERMISSIONS, Permission } = await import('../tests/support/fake-discord/index.js');
  const times: number[] = [];
  let eventLoop: BotEventLoop | null = null;
  for (let i = 0; i < Math.min(coldRuns, 3); i++) {
    const fake = await startFakeDiscord({ interactionDeadlineMs: null });
    const reportFile = join(work, `event-loop-${size}.json`);
    await rm(reportFile, { force: true });
    const env = {
      ...cleanEnv(),
      DISCORD_TOKEN: fake.token,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guildId,
      DISCORD_API_BASE_URL: fake.apiBaseUrl,
      REGIONBOT_INDEX_DIR: indexDir,
      REGIONBOT_CORPUS_DIR: corpusDir,
      REGIONBOT_EVENT_LOOP_REPORT: reportFile,
      LOG_LEVEL: 'silent',
    };
    const t = performance.now();
    const child = spawn(process.execPath, [bin, 'serve'], { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<void>((r) => child.on('close', () => r()));
    const final = (id: string, timeoutMs: number) =>
      fake.waitForMessage((m) => m.interaction_id === id && !(m.flags & MessageFlag.Loading) && (m.embeds.length > 0 || m.content !== ''), timeoutMs);
    let reindex: BotEventLoop['reindex'] = null;
    const marks: Record<string, number> = {};
    try {
      await Promise.race([fake.waitUntil(() => fake.gatewayConnected, 60_000, 'the gateway'), exited.then(() => Promise.reject(new Error(`serve exited: ${stderr.trim()}`)))]);
      marks.askSent = Date.now();
      const ix = await fake.slashCommand('ask', [{ name: 'question', value: question }]);
      await final(ix.id, 60_000);
      marks.answered = Date.now();
      times.push(performance.now() - t);
      if (i === 0) {
        const admin = { userId: '100000000000000001', memberPermissions: DEFAULT_MEMBER_PERMISSIONS | Permission.Administrator | MANAGE_GUILD };
        const r0 = performance.now();
        marks.reindexSent = Date.now();
        const rx = await fake.slashCommand('reindex', [], admin);
        const reply = await final(rx.id, REINDEX_TIMEOUT_MS);
        marks.reindexReplied = Date.now();
        reindex = { ms: Math.round(performance.now() - r0), ok: reply.embeds[0]?.title === 'Index rebuilt' };
        if (!reindex.ok) console.log(`[${size}] /reindex did not rebuild: ${reply.content || JSON.stringify(reply.embeds[0] ?? {})}`);
      }
    } finally {
      child.kill('SIGTERM');
      await exited;
      await fake.close();
    }
    if (i === 0) {
      const report = existsSync(reportFile) ? (JSON.parse(await readFile(reportFile, 'utf8')) as Omit<BotEventLoop, 'reindex'>) : null;
      if (!report) console.log(`[${size}] the bot wrote no event-loop report (${reportFile})`);
      else {
        const since = Date.parse((report as { since?: string }).since ?? '');
        const at = Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, Number.isFinite(since) ? v - since : NaN]));
        eventLoop = { maxBlockMs: report.maxBlockMs, p99Ms: report.p99Ms, samples: report.samples, durationMs: report.durationMs, blocks: report.blocks, reindex, marks: at };
      }
    }
  }
  return { bot: { medianMs: Math.round(median(times)), minMs: Math.round(Math.min(...times)), runs: times.length, entry: chooseEntry(root).kind }, eventLoop };
}

// Cold starts measure what users run: the compiled CLI. Build it when it is missing or out of date.
if (coldRuns > 0 && chooseEntry(root).kind !== 'dist') {
  console.log(`dist/ is not up to date (${chooseEntry(root).reason}): building it`);
  const b = await run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
  if (b.code !== 0) console.log(`build failed; cold starts run the sources through tsx:\n${b.stderr}`);
}

// Build with the compiled code when it is up to date (what `regionbot index` and the bot run; its
// worker threads then start without tsx), else with the sources.
const buildEntry = chooseEntry(root).kind === 'dist' ? join(root, 'dist', 'index', 'build.js') : join(root, 'src', 'index', 'build.ts');
const { buildIndex } = (await import(pathToFileURL(buildEntry).href)) as typeof BuildModule;
console.log(`building with ${buildEntry.replace(root + '/', '')}`);

const sources = readSources(sourceDirs(root));
console.log(`sources: ${sources.articles} articles, ${sources.sentences.length} sentences from ${sources.dirs.map((d) => d.replace(root + '/', '')).join(', ')}`);
const runResults: SizeResult[] = [];
for (const size of sizes) {
  const target = SIZES[size] ?? Number(size);
  const reps = Number(values.reps ?? (target <= 1_000 ? 5 : target <= 10_000 ? 3 : 1));
  const corpusDir = join(work, `corpus-${size}`);
  const indexDir = join(work, `index-${size}`);
  const gen = await generateCorpus(corpusDir, target, sources, seed);
  console.log(`[${size}] generated ${gen.articles} articles, ${gen.chunks} chunks, ${gen.regions.length} regions`);

  const t = performance.now();
  const built = await buildIndex(corpusDir, indexDir);
  const buildS = (performance.now() - t) / 1000;
  const bytes = await dirBytes(indexDir);
  console.log(`[${size}] built ${built.chunks} chunks, ${built.facts} facts in ${buildS.toFixed(1)} s; index ${(bytes / 2 ** 20).toFixed(1)} MB`);

  const questions = benchQuestions(gen.regions, gen.years);
  const qFile = join(work, `questions-${size}.json`);
  await writeFile(qFile, JSON.stringify(questions, null, 1));
  const m = await run(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'bench', 'measure.ts'), indexDir, qFile, String(reps)]);
  if (m.code !== 0) throw new Error(`measure failed (${m.code}): ${m.stderr.trim()}`);
  const measured = JSON.parse(m.stdout.trim().split('\n').pop()!) as MeasureResult;
  console.log(`[${size}] ${questions.length} questions x ${reps}: answer p50/p95/p99 ${measured.answer.p50}/${measured.answer.p95}/${measured.answer.p99} ms; BM25 ${measured.bm25.p50}/${measured.bm25.p95}/${measured.bm25.p99} ms`);
  const ac = measured.autocomplete;
  console.log(`[${size}] /metric autocomplete p50/p99 (first call): region ${ac.region.p50}/${ac.region.p99} ms (${ac.region.firstMs} ms) over ${ac.region.typed} typed x ${ac.region.n / ac.region.typed}; name ${ac.metric.p50}/${ac.metric.p99} ms (${ac.metric.firstMs} ms) over ${ac.metric.typed} typed`);

  const q0 = questions[0]!.question;
  const ask = await coldAsk(indexDir, q0);
  if (ask) console.log(`[${size}] cold start ask: median ${ask.medianMs} ms over ${ask.runs} (${ask.entry})`);
  let bot: SizeResult['coldStart']['bot'] = null;
  let eventLoop: BotEventLoop | null = null;
  try {
    ({ bot, eventLoop } = await coldBot(indexDir, corpusDir, q0, size));
    if (bot) console.log(`[${size}] cold start bot: median ${bot.medianMs} ms over ${bot.runs} (${bot.entry})`);
    if (eventLoop) {
      const blocks = eventLoop.blocks.map((b) => `${b.ms} ms at +${(b.atMs / 1000).toFixed(2)} s`).join(', ');
      const marks = Object.entries(eventLoop.marks ?? {}).map(([k, v]) => `${k} ${v >= 0 ? '+' : ''}${(v / 1000).toFixed(2)} s`).join(', ');
      console.log(`[${size}] bot event loop from login through /reindex (${eventLoop.reindex ? `${(eventLoop.reindex.ms / 1000).toFixed(1)} s, ${eventLoop.reindex.ok ? 'rebuilt' : 'failed'}` : 'not sent'}): max block ${eventLoop.maxBlockMs} ms, p99 ${eventLoop.p99Ms} ms over ${eventLoop.samples} samples${blocks ? `; blocks over 50 ms: ${blocks}` : ''}${marks ? ` (${marks})` : ''}`);
    }
  } catch (err) {
    console.log(`[${size}] cold start bot not measured: ${(err as Error).message}`);
  }

  runResults.push({
    size,
    targetChunks: target,
    runAt: new Date().toISOString(),
    commit: commit(),
    node: process.version,
    cpus: cpus().length,
    corpus: { articles: built.documents, chunks: built.chunks, facts: built.facts, sourceArticles: sources.articles, sourceSentences: sources.sentences.length },
    build: { seconds: Math.round(buildS * 100) / 100, chunksPerSecond: Math.round(built.chunks / buildS) },
    index: { bytes },
    load: { ms: measured.loadMs, retainedMB: measured.retainedMB, rssMB: measured.rssMB },
    questions: { count: measured.questions, answered: measured.answered, reps },
    answer: measured.answer,
    bm25: measured.bm25,
    ratioP99: Math.round((measured.answer.p99 / measured.bm25.p99) * 10) / 10,
    byKind: measured.byKind,
    slowest: measured.slowest,
    coldStart: { ask, bot },
    autocomplete: measured.autocomplete,
    eventLoop,
  });
}

const latestFile = join(resultsDir, 'latest.json');
const previousFile = join(resultsDir, 'previous.json');
const readResults = async (f: string): Promise<Results> => (existsSync(f) ? (JSON.parse(await readFile(f, 'utf8')) as Results) : {});
const merged = mergeResults(await readResults(latestFile), await readResults(previousFile), runResults);
await writeFile(previousFile + '.tmp', JSON.stringify(merged.previous, null, 2) + '\n');
await rename(previousFile + '.tmp', previousFile);
await writeFile(latestFile + '.tmp', JSON.stringify(merged.latest, null, 2) + '\n');
await rename(latestFile + '.tmp', latestFile);
const table = markdownTable(merged.latest, merged.previous);
await writeFile(join(resultsDir, 'latest.md'), `# regionbot bench\n\n${table}\n`);
console.log(`\n${table}\n`);
for (const r of runResults) {
  console.log(`[${r.size}] slowest questions (median ms): ${r.slowest.map((s) => `${s.medianMs} "${s.question}"`).join('; ')}`);
}
console.log(`\nwritten: ${latestFile.replace(root + '/', '')}, bench/results/latest.md`);
