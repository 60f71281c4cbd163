/**
 * The regionbot command line. The only place (with the Discord entry it starts) that reads
 * process.env, through the one zod schema in config.ts. Errors print one line, without a stack.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig, requireDiscord, type Config } from '../config.js';
import { gazetteer } from '../corpus/gazetteer.js';
import { RegionbotError, isRegionbotError } from '../errors.js';
import { buildIndex, type BuildProgress } from '../index/build.js';
import { loadIndex, readManifest, staleReason, type LoadedIndex } from '../index/store.js';
import { answerQuestion } from '../qa/answer.js';
import { evaluate, formatReport, parseGolden } from '../qa/eval.js';
import { coverage, listMetrics, metricChart, metricTable } from '../qa/metrics.js';
import { renderTerminal } from '../qa/render.js';
import type { Answer } from '../qa/types.js';
import { runChat } from './chat.js';
import { table } from './output.js';

const HELP: Record<string, string> = {
  main: `regionbot: answers questions about regional science-and-technology innovation from a corpus of news articles, with citations.

Usage: regionbot <command> [options]

Commands:
  start                    build the index if needed, then serve Discord (DISCORD_TOKEN set) or open the terminal chat
  index                    rebuild the index from the corpus
  ask "question"           answer one question (--json for JSON; with --json and no question, JSON Lines from stdin)
  chat                     terminal chat over the index
  inspect [DOC]            what the indexer made of the articles
  metric [NAME]            list metrics, or show every value of one (--region, --year, --json, --chart FILE.png)
  coverage                 which regions, metrics and years the corpus holds
  eval FILE                run a golden question set and report accuracy
  serve                    run the Discord bot (needs DISCORD_TOKEN)
  deploy-commands          register the slash commands (needs DISCORD_TOKEN and DISCORD_CLIENT_ID)

Run "regionbot <command> --help" for a command's options.`,
  start: `Usage: regionbot start\n\nBuilds the index when it is missing or out of date, then runs the Discord bot when DISCORD_TOKEN is set, else the terminal chat.`,
  index: `Usage: regionbot index [--corpus DIR] [--out DIR]\n\nRebuilds the index (default corpus: corpus, default out: index). The old index stays in place until the new one is complete.`,
  ask: `Usage: regionbot ask [--index DIR] [--json] "question"\n\nWith --json prints {question, answered, intent, answer, citations}. With --json and no question, reads one question per line from standard input and prints one JSON object per line.`,
  chat: `Usage: regionbot chat [--index DIR]\n\nA terminal chat: type a question, get the answer with its sources. Type "exit" or press Ctrl-D to leave.`,
  inspect: `Usage: regionbot inspect [--index DIR] [DOC]\n\nWithout DOC lists the articles; with DOC (a corpus file name) shows its title, date, source, regions, chunks and facts.`,
  metric: `Usage: regionbot metric [NAME] [--region R] [--year Y] [--json] [--chart FILE.png] [--index DIR]\n\nWithout NAME lists the metrics with how many values, regions and years each has.`,
  coverage: `Usage: regionbot coverage [--json] [--index DIR]`,
  eval: `Usage: regionbot eval FILE [--json] [--index DIR]\n\nFILE is JSON Lines: {"id","question","type","expect"} per line (see tests/fixtures/golden.jsonl).`,
  serve: `Usage: regionbot serve\n\nRuns the Discord bot. Needs DISCORD_TOKEN (and DISCORD_API_BASE_URL for a local stand-in); see .env.example.`,
  'deploy-commands': `Usage: regionbot deploy-commands [--guild ID]\n\nRegisters the slash commands, for one guild (--guild or DISCORD_GUILD_ID) or globally.`,
};

interface Ctx {
  config: Config;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

function usage(message: string): RegionbotError {
  return new RegionbotError('E_USAGE', message);
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
type Values<T extends OptionSpec> = { [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean } & { help?: boolean };

function parse<T extends OptionSpec>(args: string[], options: T, command: string): { values: Values<T>; positionals: string[] } {
  try {
    const r = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: r.values as Values<T>, positionals: r.positionals };
  } catch (err) {
    throw usage(`${(err as Error).message.split('\n')[0]} (see regionbot ${command} --help)`);
  }
}

/** Load the index, refusing a stale one when its corpus folder is at hand. */
async function openIndex(dir: string, corpusDir?: string): Promise<LoadedIndex> {
  const manifest = await readManifest(dir);
  const corpus = corpusDir ?? manifest.corpus.dir;
  return loadIndex(dir, existsSync(corpus) ? { corpusDir: corpus } : {});
}

function toJson(a: Answer) {
  return {
    question: a.question,
    answered: a.answered,
    intent: a.intent,
    answer: a.answer,
    citations: a.citations.map((c) => ({ doc: c.doc, title: c.title, date: c.date, source: c.source, snippet: c.snippet })),
  };
}

function progress(ctx: Ctx): ((p: BuildProgress) => void) | undefined {
  if (!ctx.stderr.isTTY) return undefined;
  return (p) => {
    ctx.stderr.write(`\rindexing ${p.done}/${p.total} ${p.file.slice(0, 50).padEnd(50)}`);
    if (p.done === p.total) ctx.stderr.write('\r' + ' '.repeat(70) + '\r');
  };
}

async function cmdIndex(args: string[], ctx: Ctx): Promise<void> {
  const { values } = parse(args, { corpus: { type: 'string' }, out: { type: 'string' } }, 'index');
  if (values.help) return void ctx.stdout.write(HELP.index + '\n');
  const corpus = values.corpus ?? ctx.config.REGIONBOT_CORPUS_DIR;
  const out = values.out ?? ctx.config.REGIONBOT_INDEX_DIR;
  const onProgress = progress(ctx);
  const s = await buildIndex(corpus, out, onProgress ? { onProgress } : {});
  ctx.stdout.write(`indexed ${s.documents} documents: ${s.chunks} chunks, ${s.facts} facts, ${s.metrics} metrics in ${s.seconds.toFixed(2)} s -> ${out}\n`);
  for (const k of s.skipped) ctx.stdout.write(`skipped ${k.file}: ${k.reason}\n`);
}

async function cmdAsk(args: string[], ctx: Ctx): Promise<void> {
  const { values, positionals } = parse(args, { index: { type: 'string' }, json: { type: 'boolean' } }, 'ask');
  if (values.help) return void ctx.stdout.write(HELP.ask + '\n');
  const question = positionals.join(' ');
  if (!question && !values.json) throw usage('ask needs a question, e.g. regionbot ask "how many high-tech enterprises does Jilin have?"');
  const index = await openIndex(values.index ?? ctx.config.REGIONBOT_INDEX_DIR);
  if (question) {
    const a = answerQuestion(index, question);
    ctx.stdout.write(values.json ? JSON.stringify(toJson(a)) + '\n' : renderTerminal(a, ctx.stdout.isTTY === true) + '\n');
    return;
  }
  // JSON Lines from standard input, one answer per line, in order.
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    try {
      ctx.stdout.write(JSON.stringify(toJson(answerQuestion(index, line))) + '\n');
    } catch (err) {
      if (!isRegionbotError(err)) throw err;
      ctx.stdout.write(JSON.stringify({ question: line, answered: false, intent: 'invalid', answer: err.message.replace(/^regionbot: /, ''), citations: [], error: err.code }) + '\n');
    }
  }
}

async function cmdChat(args: string[], ctx: Ctx): Promise<void> {
  const { values } = parse(args, { index: { type: 'string' } }, 'chat');
  if (values.help) return void ctx.stdout.write(HELP.chat + '\n');
  const index = await openIndex(values.index ?? ctx.config.REGIONBOT_INDEX_DIR);
  await runChat(index, process.stdin, ctx.stdout);
}

async function cmdInspect(args: string[], ctx: Ctx): Promise<void> {
  const { values, positionals } = parse(args, { index: { type: 'string' }, json: { type: 'boolean' } }, 'inspect');
  if (values.help) return void ctx.stdout.write(HELP.inspect + '\n');
  const index = await loadIndex(values.index ?? ctx.config.REGIONBOT_INDEX_DIR);
  const g = gazetteer();
  const wanted = positionals[0];
  const docs = wanted ? index.docs.filter((d) => d.id === wanted || d.id.startsWith(wanted)) : index.docs;
  if (wanted && docs.length === 0) throw new RegionbotError('E_NOT_FOUND', `no document ${wanted} in the index (run regionbot inspect to list them)`);
  if (values.json) {
    ctx.stdout.write(JSON.stringify(docs.map((d) => ({ ...d, chunks: index.chunks.filter((c) => c.doc === d.id), facts: index.facts.filter((f) => f.doc === d.id) })), null, 2) + '\n');
    return;
  }
  for (const d of docs) {
    const facts = index.facts.filter((f) => f.doc === d.id);
    const chunks = index.chunks.filter((c) => c.doc === d.id);
    ctx.stdout.write(`${d.id}\n  title:   ${d.title}\n  date:    ${d.date ?? '(none)'}\n  source:  ${d.source ?? '(none)'}\n  region:  ${g.name(d.mainRegion)}; mentions: ${d.regions.map((r) => g.name(r)).join(', ') || '(none)'}\n  chunks:  ${chunks.length}, facts: ${facts.length}\n`);
    if (!wanted) continue;
    ctx.stdout.write('\nchunks:\n');
    for (const c of chunks) ctx.stdout.write(`  [${c.position}] (${c.start}-${c.end}) ${c.text}\n`);
    ctx.stdout.write('\nfacts:\n');
    ctx.stdout.write(
      table(
        ['value', 'kind', 'level/change', 'status', 'year', 'region', 'measure'],
        facts.map((f) => [f.text, f.kind, f.change + (f.direction ? ` ${f.direction}` : ''), f.status, String(f.year ?? ''), g.name(f.region), f.measure]),
      ) + '\n',
    );
  }
}

async function cmdMetric(args: string[], ctx: Ctx): Promise<void> {
  const { values, positionals } = parse(
    args,
    { index: { type: 'string' }, json: { type: 'boolean' }, region: { type: 'string' }, year: { type: 'string' }, chart: { type: 'string' } },
    'metric',
  );
  if (values.help) return void ctx.stdout.write(HELP.metric + '\n');
  const index = await openIndex(values.index ?? ctx.config.REGIONBOT_INDEX_DIR);
  const name = positionals.join(' ');
  if (!name) {
    const metrics = listMetrics(index);
    if (values.json) return void ctx.stdout.write(JSON.stringify(metrics, null, 2) + '\n');
    const g = gazetteer();
    ctx.stdout.write(table(['metric', 'values', 'regions', 'years'], metrics.map((m) => [m.name, String(m.values), m.regions.map((r) => g.name(r)).join(', '), m.years.join(', ')])) + '\n');
    return;
  }
  const year = values.year !== undefined ? Number(values.year) : undefined;
  if (year !== undefined && !Number.isInteger(year)) throw usage(`--year must be a year such as 2021, not "${values.year}"`);
  const t = metricTable(index, name, { ...(values.region ? { region: values.region } : {}), ...(year !== undefined ? { year } : {}) });
  if (!t) throw new RegionbotError('E_NOT_FOUND', `no metric "${name}" in the index (run regionbot metric to list them)`);
  if (values.chart) {
    const chart = metricChart(t);
    if (!chart) throw new RegionbotError('E_NOT_FOUND', `metric "${t.metric.name}" has fewer than two comparable values to chart`);
    const { renderChartPng } = await import('../charts/chart.js');
    await writeFile(values.chart, await renderChartPng(chart));
  }
  if (values.json) {
    ctx.stdout.write(
      JSON.stringify(
        {
          metric: t.metric,
          rows: t.rows.map((r) => ({ region: r.region, regionName: r.regionName, year: r.year, status: r.status, change: r.change, kind: r.kind, value: r.value, text: r.text, measure: r.fact.measure, doc: r.doc, title: r.title, date: r.date, source: r.source, sentence: r.fact.sentence })),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    ctx.stdout.write(`${t.metric.name}\n`);
    ctx.stdout.write(table(['region', 'year', 'actual/target', 'level/change', 'value', 'source article'], t.rows.map((r) => [r.regionName, String(r.year ?? ''), r.status, r.change, r.text, `${r.title} (${r.doc})`])) + '\n');
  }
  if (values.chart) ctx.stderr.write(`chart written to ${values.chart}\n`);
}

async function cmdCoverage(args: string[], ctx: Ctx): Promise<void> {
  const { values } = parse(args, { index: { type: 'string' }, json: { type: 'boolean' } }, 'coverage');
  if (values.help) return void ctx.stdout.write(HELP.coverage + '\n');
  const index = await openIndex(values.index ?? ctx.config.REGIONBOT_INDEX_DIR);
  const c = coverage(index);
  if (values.json) return void ctx.stdout.write(JSON.stringify(c, null, 2) + '\n');
  ctx.stdout.write(`${c.documents} articles\n\nregions:\n`);
  ctx.stdout.write(table(['region', 'facts', 'years'], c.regions.map((r) => [r.name, String(r.facts), r.years.join(', ')])) + '\n\nyears: ');
  ctx.stdout.write(c.years.map((y) => `${y.year} (${y.facts})`).join(', ') + '\n\nmetrics with values:\n');
  ctx.stdout.write(table(['metric', 'values', 'years'], c.metrics.map((m) => [m.name, String(m.values), m.years.join(', ')])) + '\n');
}

async function cmdEval(args: string[], ctx: Ctx): Promise<void> {
  const { values, positionals } = parse(args, { index: { type: 'string' }, json: { type: 'boolean' } }, 'eval');
  if (values.help) return void ctx.stdout.write(HELP.eval + '\n');
  const file = positionals[0];
  if (!file) throw usage('eval needs a golden set file, e.g. regionbot eval tests/fixtures/golden.jsonl');
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new RegionbotError('E_IO', `cannot read ${file} (${err.code ?? 'error'})`);
  });
  const index = await openIndex(values.index ?? ctx.config.REGIONBOT_INDEX_DIR);
  const report = evaluate(index, parseGolden(text, file));
  if (values.json) {
    ctx.stdout.write(JSON.stringify({ ...report, cases: report.cases.map((c) => ({ id: c.golden.id, question: c.golden.question, type: c.golden.type, ok: c.ok, why: c.why, ms: c.ms })) }, null, 2) + '\n');
  } else {
    ctx.stdout.write(formatReport(report) + '\n');
  }
}

/** Build the index when it is missing, of another version, or stale against the corpus. */
async function ensureIndex(ctx: Ctx): Promise<void> {
  const dir = ctx.config.REGIONBOT_INDEX_DIR;
  const corpus = ctx.config.REGIONBOT_CORPUS_DIR;
  let reason: string | null = null;
  try {
    const manifest = await readManifest(dir);
    reason = await staleReason(manifest, corpus);
  } catch (err) {
    if (!isRegionbotError(err)) throw err;
    reason = err.message.replace(/^regionbot: /, '');
  }
  if (reason) {
    ctx.stderr.write(`building the index (${reason})…\n`);
    const onProgress = progress(ctx);
    const s = await buildIndex(corpus, dir, onProgress ? { onProgress } : {});
    ctx.stderr.write(`indexed ${s.documents} documents: ${s.chunks} chunks, ${s.facts} facts in ${s.seconds.toFixed(2)} s\n`);
    for (const k of s.skipped) ctx.stderr.write(`skipped ${k.file}: ${k.reason}\n`);
  }
}

async function cmdServe(args: string[], ctx: Ctx): Promise<void> {
  const { values } = parse(args, {}, 'serve');
  if (values.help) return void ctx.stdout.write(HELP.serve + '\n');
  requireDiscord(ctx.config, ['DISCORD_TOKEN']);
  await ensureIndex(ctx);
  const { startBot } = await import('../discord/bot.js');
  const bot = await startBot({ config: ctx.config, indexDir: ctx.config.REGIONBOT_INDEX_DIR, corpusDir: ctx.config.REGIONBOT_CORPUS_DIR });
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      void bot.stop().finally(resolveStop);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function cmdDeploy(args: string[], ctx: Ctx): Promise<void> {
  const { values } = parse(args, { guild: { type: 'string' } }, 'deploy-commands');
  if (values.help) return void ctx.stdout.write(HELP['deploy-commands'] + '\n');
  requireDiscord(ctx.config, ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID']);
  const guildId = values.guild ?? ctx.config.DISCORD_GUILD_ID;
  if (guildId !== undefined && !/^\d{17,20}$/.test(guildId)) throw usage('--guild must be a Discord id (17 to 20 digits)');
  const { deployCommands } = await import('../discord/deploy.js');
  const count = await deployCommands({
    token: ctx.config.DISCORD_TOKEN!,
    clientId: ctx.config.DISCORD_CLIENT_ID!,
    ...(guildId ? { guildId } : {}),
    ...(ctx.config.DISCORD_API_BASE_URL ? { apiBaseUrl: ctx.config.DISCORD_API_BASE_URL } : {}),
  });
  ctx.stdout.write(`registered ${count} slash commands ${guildId ? `in guild ${guildId}` : 'globally'}\n`);
}

async function cmdStart(args: string[], ctx: Ctx): Promise<void> {
  const { values } = parse(args, {}, 'start');
  if (values.help) return void ctx.stdout.write(HELP.start + '\n');
  if (ctx.config.DISCORD_TOKEN) return cmdServe([], ctx);
  await ensureIndex(ctx);
  const index = await loadIndex(ctx.config.REGIONBOT_INDEX_DIR);
  await runChat(index, process.stdin, ctx.stdout);
}

const COMMANDS: Record<string, (args: string[], ctx: Ctx) => Promise<void>> = {
  start: cmdStart,
  index: cmdIndex,
  ask: cmdAsk,
  chat: cmdChat,
  inspect: cmdInspect,
  metric: cmdMetric,
  coverage: cmdCoverage,
  eval: cmdEval,
  serve: cmdServe,
  'deploy-commands': cmdDeploy,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP.main + '\n');
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw usage(`unknown command "${command}" (see regionbot --help)`);
    if (existsSync('.env')) process.loadEnvFile('.env');
    const config = loadConfig(process.env);
    await run(args, { config, stdout: process.stdout, stderr: process.stderr });
    return 0;
  } catch (err) {
    if (isRegionbotError(err)) {
      process.stderr.write(`${err.message}\n`);
      return err.code === 'E_USAGE' ? 2 : 1;
    }
    const e = err as Error;
    process.stderr.write(`regionbot: unexpected error: ${e.message ?? String(err)}\n`);
    if (process.env.REGIONBOT_DEBUG) process.stderr.write(`${e.stack ?? ''}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
