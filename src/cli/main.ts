/**
 * The regionbot command line. The only place (with the Discord entry it starts) that reads
 * process.env, through the one zod schema in config.ts. Errors print one line, without a stack.
 *
 * Each command is one citty record: its description, options and help text live together, and both
 * `regionbot help CMD` and `regionbot CMD --help` print it.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { defineCommand, parseArgs, type ArgsDef, type CommandDef } from 'citty';
import { loadConfig, requireDiscord, type Config } from '../config.js';
import { gazetteer } from '../corpus/gazetteer.js';
import { RegionbotError, discordError, fsError, isRegionbotError } from '../errors.js';
import { buildIndex, type BuildProgress } from '../index/build.js';
import { ensureFreshIndex } from '../app/index-service.js';
import { checkIndexTarget, loadIndex, readManifest, staleReason, type LoadedIndex } from '../index/store.js';
import { MAX_QUESTION_LENGTH, answerQuestion } from '../qa/answer.js';
import { evaluate, formatReport, parseGolden } from '../qa/eval.js';
import { coverage, listMetrics, metricChart, metricTable } from '../qa/metrics.js';
import { answerMarkdown } from '../present/markdown.js';
import { answerTerminal } from '../present/terminal.js';

/** How the command line points a person to what the corpus holds. */
export const COVERAGE_HINT = 'Run `regionbot coverage` to see which regions, metrics and years the corpus holds.';
import type { Answer } from '../qa/types.js';
import { runChat } from './chat.js';
import { table } from './output.js';

export interface Ctx {
  config: Config;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

function usage(message: string): RegionbotError {
  return new RegionbotError('E_USAGE', message);
}

/** One command: a citty record (meta, args, run) plus the help text's details and examples. */
interface Command<T extends ArgsDef = ArgsDef> extends CommandDef<T> {
  meta: { name: string; description: string };
  args: T;
  /** More about the command, printed under its usage line. */
  details?: string;
}

function command<const T extends ArgsDef>(def: Command<T>): Command<T> {
  return defineCommand(def) as Command<T>;
}

const indexArg = { type: 'string', valueHint: 'DIR', description: 'the index folder (default: REGIONBOT_INDEX_DIR or index)' } as const;
const jsonArg = { type: 'boolean', description: 'print JSON' } as const;

/** Load the index, refusing a stale one when its corpus folder is at hand. */
async function openIndex(dir: string, corpusDir?: string): Promise<LoadedIndex> {
  const manifest = await readManifest(dir);
  const corpus = corpusDir ?? manifest.corpus.dir;
  return loadIndex(dir, existsSync(corpus) ? { corpusDir: corpus } : {});
}

/** A question as echoed back: an oversized one is cut to a short prefix. */
export function echoQuestion(question: string): string {
  if (question.length <= MAX_QUESTION_LENGTH) return question;
  return `${question.slice(0, 80)}… (${question.length} characters)`;
}

function toJson(a: Answer) {
  return {
    question: echoQuestion(a.question),
    answered: a.answered,
    intent: a.intent,
    answer: answerMarkdown(a, { coverageHint: COVERAGE_HINT }),
    citations: a.citations.map((c) => ({ doc: c.doc, title: c.title, date: c.date, source: c.source, snippet: c.snippet })),
  };
}

function errorJson(question: string, message: string, code: string) {
  return { question: echoQuestion(question), answered: false, intent: 'invalid', answer: message.replace(/^regionbot: /, ''), citations: [], error: code };
}

/**
 * One line of `ask --json` input: a JSON object {"question": "..."} (JSON Lines, as the README says)
 * or a plain-text question. Returns the question, or an error message for a bad line.
 */
export function parseQuestionLine(line: string): { question: string } | { question: string; error: string } {
  const text = line.trim();
  if (text.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { question: text, error: 'this line is not valid JSON; give {"question": "..."} or a plain-text question' };
    }
    const q = (value as { question?: unknown }).question;
    if (typeof q !== 'string') return { question: text, error: 'this JSON line has no "question" string; give {"question": "..."}' };
    return q.trim() ? { question: q } : { question: q, error: 'the question is empty' };
  }
  return text ? { question: line } : { question: '', error: 'the line is empty; give one question per line' };
}

function progress(ctx: Ctx): ((p: BuildProgress) => void) | undefined {
  if (!ctx.stderr.isTTY) return undefined;
  return (p) => {
    ctx.stderr.write(`\rindexing ${p.done}/${p.total} ${p.file.slice(0, 50).padEnd(50)}`);
    if (p.done === p.total) ctx.stderr.write('\r' + ' '.repeat(70) + '\r');
  };
}

async function build(corpus: string, out: string, ctx: Ctx, allowEmpty: boolean) {
  const onProgress = progress(ctx);
  return buildIndex(corpus, out, {
    ...(onProgress ? { onProgress } : {}),
    allowEmpty,
    maxArticleBytes: Math.round(ctx.config.REGIONBOT_MAX_ARTICLE_MB * 1024 * 1024),
    onWait: (h) => ctx.stderr.write(`waiting for another regionbot build (pid ${h.pid}) to finish writing ${out}…\n`),
  });
}

/** Build the index when it is missing, of another version, or stale against the corpus (the app's one policy). */
async function ensureIndex(ctx: Ctx): Promise<void> {
  const s = await ensureFreshIndex({
    indexDir: ctx.config.REGIONBOT_INDEX_DIR,
    corpusDir: ctx.config.REGIONBOT_CORPUS_DIR,
    build: (corpus, out) => build(corpus, out, ctx, false),
    onRebuild: (reason) => ctx.stderr.write(`building the index (${reason})…\n`),
  });
  if (s) {
    ctx.stderr.write(`indexed ${s.documents} documents: ${s.chunks} chunks, ${s.facts} facts in ${s.seconds.toFixed(2)} s\n`);
    for (const k of s.skipped) ctx.stderr.write(`skipped ${k.file}: ${k.reason}\n`);
  }
}

const start = command({
  meta: { name: 'start', description: 'build the index if needed, then serve Discord (DISCORD_TOKEN set) or open the terminal chat' },
  details: 'Builds the index when it is missing or out of date, then runs the Discord bot when DISCORD_TOKEN is set, else the terminal chat.',
  args: {},
  async run({ data }) {
    const ctx = data as Ctx;
    if (ctx.config.discordRequested) return serve.run!({ args: { _: [] } as never, rawArgs: [], cmd: serve, data });
    await ensureIndex(ctx);
    const index = await loadIndex(ctx.config.REGIONBOT_INDEX_DIR);
    await runChat(index, ctx.stdin, ctx.stdout);
  },
});

const index = command({
  meta: { name: 'index', description: 'rebuild the index from the corpus' },
  details:
    'Rebuilds the index. The old index stays in place until the new one is complete, and a crashed build is recovered on the next run. ' +
    'Only a new or empty folder, or one that holds a regionbot index, is replaced; a build that finds no articles does not replace an index that has some (unless --allow-empty). ' +
    'Articles over REGIONBOT_MAX_ARTICLE_MB (default 4) megabytes are skipped.',
  args: {
    corpus: { type: 'string', valueHint: 'DIR', description: 'the corpus folder (default: REGIONBOT_CORPUS_DIR or corpus)' },
    out: { type: 'string', valueHint: 'DIR', description: 'the index folder to write (default: REGIONBOT_INDEX_DIR or index)' },
    'allow-empty': { type: 'boolean', description: 'replace an index even when the corpus gives no articles' },
  },
  async run({ args, data }) {
    const ctx = data as Ctx;
    const corpus = args.corpus ?? ctx.config.REGIONBOT_CORPUS_DIR;
    const out = args.out ?? ctx.config.REGIONBOT_INDEX_DIR;
    const s = await build(corpus, out, ctx, args['allow-empty'] === true);
    ctx.stdout.write(`indexed ${s.documents} documents: ${s.chunks} chunks, ${s.facts} facts, ${s.metrics} metrics in ${s.seconds.toFixed(2)} s -> ${out}\n`);
    for (const k of s.skipped) ctx.stdout.write(`skipped ${k.file}: ${k.reason}\n`);
  },
});

const ask = command({
  meta: { name: 'ask', description: 'answer one question (--json for JSON; with --json and no question, JSON Lines from stdin)' },
  details:
    'With --json prints {question, answered, intent, answer, citations} on one line. With --json and no question, reads JSON Lines from standard input: ' +
    'each line a {"question": "..."} object or a plain-text question; prints exactly one JSON object per input line, in order ' +
    '(an object with "error" for a bad line).',
  args: {
    question: { type: 'positional', required: false, valueHint: 'question', description: 'the question, e.g. "how many high-tech enterprises does Jilin have?"' },
    json: jsonArg,
    index: indexArg,
  },
  async run({ args, data, rawArgs }) {
    const ctx = data as Ctx;
    const given = args._.length > 0;
    const question = args._.join(' ');
    const example = 'e.g. regionbot ask "how many high-tech enterprises does Jilin have?"';
    if (given && !question.trim()) throw usage(`the question is empty; give one, ${example}`);
    if (!given && !args.json) throw usage(`ask needs a question, ${example}`);
    if (!given && ctx.stdin.isTTY) {
      throw usage(`ask --json with no question reads JSON Lines from standard input; pipe them in (echo '{"question": "..."}' | regionbot ask --json) or give the question, ${example}`);
    }
    const index = await openIndex(args.index ?? ctx.config.REGIONBOT_INDEX_DIR);
    void rawArgs;
    if (given) {
      const a = answerQuestion(index, question);
      ctx.stdout.write(args.json ? JSON.stringify(toJson(a)) + '\n' : answerTerminal(a, ctx.stdout.isTTY === true, COVERAGE_HINT) + '\n');
      return;
    }
    // JSON Lines from standard input: exactly one output line per input line, in order.
    const rl = createInterface({ input: ctx.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      const parsed = parseQuestionLine(line);
      if ('error' in parsed) {
        ctx.stdout.write(JSON.stringify(errorJson(parsed.question, parsed.error, 'E_QUESTION')) + '\n');
        continue;
      }
      try {
        ctx.stdout.write(JSON.stringify(toJson(answerQuestion(index, parsed.question))) + '\n');
      } catch (err) {
        if (!isRegionbotError(err)) throw err;
        ctx.stdout.write(JSON.stringify(errorJson(parsed.question, err.message, err.code)) + '\n');
      }
    }
  },
});

const chat = command({
  meta: { name: 'chat', description: 'terminal chat over the index' },
  details: 'A terminal chat: type a question, get the answer with its sources. Type "help" for examples, "exit" or press Ctrl-D to leave.',
  args: { index: indexArg },
  async run({ args, data }) {
    const ctx = data as Ctx;
    const loaded = await openIndex(args.index ?? ctx.config.REGIONBOT_INDEX_DIR);
    await runChat(loaded, ctx.stdin, ctx.stdout);
  },
});

const inspect = command({
  meta: { name: 'inspect', description: 'what the indexer made of the articles' },
  details: 'Without DOC lists the articles; with DOC (a corpus file name) shows its title, date, source, regions, chunks and facts.',
  args: { doc: { type: 'positional', required: false, valueHint: 'DOC', description: 'a corpus file name (or its start)' }, json: jsonArg, index: indexArg },
  async run({ args, data }) {
    const ctx = data as Ctx;
    const idx = await loadIndex(args.index ?? ctx.config.REGIONBOT_INDEX_DIR);
    const g = gazetteer();
    const wanted = args._[0];
    const docs = wanted ? idx.docs.filter((d) => d.id === wanted || d.id.startsWith(wanted)) : idx.docs;
    if (wanted && docs.length === 0) throw new RegionbotError('E_NOT_FOUND', `no document ${wanted} in the index (run regionbot inspect to list them)`);
    if (args.json) {
      ctx.stdout.write(JSON.stringify(docs.map((d) => ({ ...d, chunks: idx.chunks.filter((c) => c.doc === d.id), facts: idx.facts.filter((f) => f.doc === d.id) })), null, 2) + '\n');
      return;
    }
    for (const d of docs) {
      const facts = idx.facts.filter((f) => f.doc === d.id);
      const chunks = idx.chunks.filter((c) => c.doc === d.id);
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
  },
});

const metric = command({
  meta: { name: 'metric', description: 'list metrics, or show every value of one (--region, --year, --json, --chart FILE.png)' },
  details: 'Without NAME lists the metrics with how many values, regions and years each has.',
  args: {
    name: { type: 'positional', required: false, valueHint: 'NAME', description: 'a metric, e.g. "high-tech enterprises"' },
    region: { type: 'string', valueHint: 'R', description: 'only this region' },
    year: { type: 'string', valueHint: 'Y', description: 'only this year' },
    json: jsonArg,
    chart: { type: 'string', valueHint: 'FILE.png', description: 'also draw a chart into FILE.png' },
    index: indexArg,
  },
  async run({ args, data }) {
    const ctx = data as Ctx;
    const idx = await openIndex(args.index ?? ctx.config.REGIONBOT_INDEX_DIR);
    const name = args._.join(' ');
    if (!name) {
      const metrics = listMetrics(idx);
      if (args.json) return void ctx.stdout.write(JSON.stringify(metrics, null, 2) + '\n');
      const g = gazetteer();
      ctx.stdout.write(table(['metric', 'values', 'regions', 'years'], metrics.map((m) => [m.name, String(m.values), m.regions.map((r) => g.name(r)).join(', '), m.years.join(', ')])) + '\n');
      return;
    }
    const year = args.year !== undefined ? Number(args.year) : undefined;
    if (year !== undefined && (!/^\d{4}$/.test(args.year ?? '') || !Number.isInteger(year))) throw usage(`--year must be a year such as 2021, not "${args.year}"`);
    const t = metricTable(idx, name, { ...(args.region ? { region: args.region } : {}), ...(year !== undefined ? { year } : {}) });
    if (!t) throw new RegionbotError('E_NOT_FOUND', `no metric "${name}" in the index (run regionbot metric to list them)`);
    if (args.chart) {
      const chart = metricChart(t);
      if (!chart) throw new RegionbotError('E_NOT_FOUND', `metric "${t.metric.name}" has fewer than two comparable values to chart`);
      const { renderChartPng } = await import('../charts/chart.js');
      const file = args.chart;
      await writeFile(file, await renderChartPng(chart)).catch((err: unknown) => {
        throw fsError(err, `write the chart to ${file}`);
      });
    }
    if (args.json) {
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
    if (args.chart) ctx.stderr.write(`chart written to ${args.chart}\n`);
  },
});

const coverageCmd = command({
  meta: { name: 'coverage', description: 'which regions, metrics and years the corpus holds' },
  args: { json: jsonArg, index: indexArg },
  async run({ args, data }) {
    const ctx = data as Ctx;
    const idx = await openIndex(args.index ?? ctx.config.REGIONBOT_INDEX_DIR);
    const c = coverage(idx);
    if (args.json) return void ctx.stdout.write(JSON.stringify(c, null, 2) + '\n');
    ctx.stdout.write(`${c.documents} articles\n\nregions:\n`);
    ctx.stdout.write(table(['region', 'facts', 'years'], c.regions.map((r) => [r.name, String(r.facts), r.years.join(', ')])) + '\n\nyears: ');
    ctx.stdout.write(c.years.map((y) => `${y.year} (${y.facts})`).join(', ') + '\n\nmetrics with values:\n');
    ctx.stdout.write(table(['metric', 'values', 'years'], c.metrics.map((m) => [m.name, String(m.values), m.years.join(', ')])) + '\n');
  },
});

const evalCmd = command({
  meta: { name: 'eval', description: 'run a golden question set and report accuracy' },
  details: 'FILE is JSON Lines: {"id","question","type","expect"} per line (see tests/fixtures/golden.jsonl).',
  args: { file: { type: 'positional', required: false, valueHint: 'FILE', description: 'the golden set' }, json: jsonArg, index: indexArg },
  async run({ args, data }) {
    const ctx = data as Ctx;
    const file = args._[0];
    if (!file) throw usage('eval needs a golden set file, e.g. regionbot eval tests/fixtures/golden.jsonl');
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new RegionbotError('E_IO', `cannot read ${file} (${err.code ?? 'error'})`);
    });
    const idx = await openIndex(args.index ?? ctx.config.REGIONBOT_INDEX_DIR);
    const report = evaluate(idx, parseGolden(text, file));
    if (args.json) {
      ctx.stdout.write(JSON.stringify({ ...report, cases: report.cases.map((c) => ({ id: c.golden.id, question: c.golden.question, type: c.golden.type, ok: c.ok, why: c.why, ms: c.ms })) }, null, 2) + '\n');
    } else {
      ctx.stdout.write(formatReport(report) + '\n');
    }
  },
});

const serve: Command = command({
  meta: { name: 'serve', description: 'run the Discord bot (needs DISCORD_TOKEN)' },
  details: 'Runs the Discord bot. Needs DISCORD_TOKEN (and DISCORD_API_BASE_URL for a local stand-in); see .env.example.',
  args: {},
  async run({ data }) {
    const ctx = data as Ctx;
    requireDiscord(ctx.config, ['DISCORD_TOKEN']);
    await ensureIndex(ctx);
    const { startBot } = await import('../discord/bot.js');
    const bot = await startBot({ config: ctx.config, indexDir: ctx.config.REGIONBOT_INDEX_DIR, corpusDir: ctx.config.REGIONBOT_CORPUS_DIR }).catch((err: unknown) => {
      throw discordError(err);
    });
    await new Promise<void>((resolveStop) => {
      const stop = () => {
        void bot.stop().finally(resolveStop);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
});

const deploy = command({
  meta: { name: 'deploy-commands', description: 'register the slash commands (needs DISCORD_TOKEN and DISCORD_CLIENT_ID)' },
  details: 'Registers the slash commands, for one guild (--guild or DISCORD_GUILD_ID) or globally.',
  args: { guild: { type: 'string', valueHint: 'ID', description: 'register in this guild only (instant)' } },
  async run({ args, data }) {
    const ctx = data as Ctx;
    requireDiscord(ctx.config, ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID']);
    const guildId = args.guild ?? ctx.config.DISCORD_GUILD_ID;
    if (guildId !== undefined && !/^\d{17,20}$/.test(guildId)) throw usage('--guild must be a Discord id (17 to 20 digits)');
    const { deployCommands } = await import('../discord/deploy.js');
    const count = await deployCommands({
      token: ctx.config.DISCORD_TOKEN!,
      clientId: ctx.config.DISCORD_CLIENT_ID!,
      ...(guildId ? { guildId } : {}),
      ...(ctx.config.DISCORD_API_BASE_URL ? { apiBaseUrl: ctx.config.DISCORD_API_BASE_URL } : {}),
    }).catch((err: unknown) => {
      throw discordError(err);
    });
    ctx.stdout.write(`registered ${count} slash commands ${guildId ? `in guild ${guildId}` : 'globally'}\n`);
  },
});

const help = command({
  meta: { name: 'help', description: 'this help, or one command\'s ("regionbot help ask")' },
  args: { command: { type: 'positional', required: false, valueHint: 'command', description: 'a command' } },
  run({ args, data }) {
    const ctx = data as Ctx;
    const name = args._[0];
    if (!name) return void ctx.stdout.write(mainHelp() + '\n');
    const cmd = COMMANDS[name];
    if (!cmd) throw usage(`unknown command "${name}" (see regionbot help)`);
    ctx.stdout.write(commandHelp(cmd) + '\n');
  },
});

/** The commands, in the order the help lists them. */
export const COMMANDS: Record<string, Command> = Object.fromEntries(
  [start, index, ask, chat, inspect, metric, coverageCmd, evalCmd, serve, deploy, help].map((c) => [c.meta.name, c as unknown as Command]),
);

function usageLine(cmd: Command): string {
  const parts = [`regionbot ${cmd.meta.name}`];
  for (const [name, a] of Object.entries(cmd.args)) {
    if (a.type === 'positional') parts.push(`[${a.valueHint ?? name}]`);
    else parts.push(a.type === 'boolean' ? `[--${name}]` : `[--${name} ${a.valueHint ?? 'VALUE'}]`);
  }
  return parts.join(' ');
}

export function commandHelp(cmd: Command): string {
  const lines = [`Usage: ${usageLine(cmd)}`, '', cmd.meta.description.charAt(0).toUpperCase() + cmd.meta.description.slice(1) + '.'];
  if (cmd.details) lines.push('', cmd.details);
  const opts = Object.entries(cmd.args).map(([name, a]) => [a.type === 'positional' ? (a.valueHint ?? name) : a.type === 'boolean' ? `--${name}` : `--${name} ${a.valueHint ?? 'VALUE'}`, a.description ?? ''] as const);
  opts.push(['-h, --help', 'show this help']);
  const width = Math.max(...opts.map(([o]) => o.length));
  lines.push('', 'Options:', ...opts.map(([o, d]) => `  ${o.padEnd(width)}  ${d}`));
  return lines.join('\n');
}

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'regionbot: answers questions about regional science-and-technology innovation from a corpus of news articles, with citations.',
    '',
    'Usage: regionbot <command> [options]',
    '',
    'Commands:',
    ...Object.values(COMMANDS).map((c) => `  ${c.meta.name.padEnd(width)}  ${c.meta.description}`),
    '',
    'Run "regionbot help <command>" or "regionbot <command> --help" for a command\'s options.',
  ].join('\n');
}

/** Parse a command's arguments with citty, refusing unknown options and options without a value. */
function parseCommandArgs(cmd: Command, raw: string[]): { help: boolean; args: Record<string, unknown> & { _: string[] } } {
  const known = new Map<string, 'string' | 'boolean'>();
  for (const [name, a] of Object.entries(cmd.args)) if (a.type === 'string' || a.type === 'boolean') known.set(name, a.type);
  let help = false;
  for (let i = 0; i < raw.length; i++) {
    const tok = raw[i]!;
    if (tok === '--') break;
    if (tok === '-h' || tok === '--help') {
      help = true;
      continue;
    }
    if (!tok.startsWith('-') || tok === '-' || /^-\d/.test(tok)) continue;
    const name = tok.replace(/^--?/, '').split('=')[0]!;
    const type = known.get(name) ?? (name.startsWith('no-') && known.get(name.slice(3)) === 'boolean' ? 'boolean' : undefined);
    if (!type) throw usage(`Unknown option '${tok.split('=')[0]}' (see regionbot ${cmd.meta.name} --help)`);
    if (type === 'string' && !tok.includes('=')) {
      const next = raw[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) throw usage(`option '--${name}' needs a value (see regionbot ${cmd.meta.name} --help)`);
      i++;
    }
  }
  const args = parseArgs(raw, cmd.args) as Record<string, unknown> & { _: string[] };
  return { help, args };
}

/** Standard output closed early (`regionbot coverage | head -1`): stop quietly, as Unix tools do. */
function quietOnEpipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

export async function main(argv: string[]): Promise<number> {
  quietOnEpipe(process.stdout);
  const [name, ...rest] = argv;
  try {
    if (!name) {
      process.stdout.write(mainHelp() + '\n');
      return 2;
    }
    if (name === '--help' || name === '-h') {
      process.stdout.write(mainHelp() + '\n');
      return 0;
    }
    const cmd = COMMANDS[name];
    if (!cmd) throw usage(`unknown command "${name}" (see regionbot --help)`);
    const { help: wantsHelp, args } = parseCommandArgs(cmd, rest);
    if (wantsHelp) {
      process.stdout.write(commandHelp(cmd) + '\n');
      return 0;
    }
    if (name !== 'help' && existsSync('.env')) process.loadEnvFile('.env');
    const config = name === 'help' ? loadConfig({}) : loadConfig(process.env);
    const ctx: Ctx = { config, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
    await cmd.run!({ rawArgs: rest, args: args as never, cmd, data: ctx });
    return 0;
  } catch (caught) {
    const err = fsError(caught, 'complete the command');
    if (isRegionbotError(err)) {
      process.stderr.write(`${err.message}\n`);
      return err.code === 'E_USAGE' ? 2 : 1;
    }
    const e = err as Error;
    process.stderr.write(`regionbot: internal error (a bug; please report it with REGIONBOT_DEBUG=1 output): ${e.message ?? String(err)}\n`);
    if (process.env.REGIONBOT_DEBUG) process.stderr.write(`${e.stack ?? ''}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
