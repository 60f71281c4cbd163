/** Looking into the index: inspect, metric, coverage and eval. */
import { readFile, writeFile } from 'node:fs/promises';
import { gazetteer } from '../../corpus/gazetteer.js';
import { RegionbotError, fsError } from '../../errors.js';
import { loadIndex } from '../../index/store.js';
import { evaluate, formatReport, parseGolden } from '../../qa/eval.js';
import { coverage, listMetrics, metricChart, metricTable } from '../../qa/metrics.js';
import { command, indexArg, jsonArg, openIndex, usage, type Ctx } from '../command.js';
import { table } from '../output.js';

export const inspect = command({
  meta: { name: 'inspect', description: 'what the indexer made of the articles' },
  details: 'Without DOC lists the articles; with DOC (a corpus file name) shows its title, date, source, regions, chunks and facts.',
  args: { doc: { type: 'positional', required: false, valueHint: 'DOC', description: 'a corpus file name (or its start)' }, json: jsonArg, index: indexArg },
  async run({ args, data }) {
    const ctx = data as Ctx;
    const idx = await loadIndex(args.index ?? ctx.config.REGIONBOT_INDEX_DIR);
    const g = gazetteer();
    const wanted = args._[0];
    // Each article with its position in the index (chunks and facts are grouped by it).
    const docs = idx.docs.map((d, at) => ({ d, at })).filter(({ d }) => !wanted || d.id === wanted || d.id.startsWith(wanted));
    if (wanted && docs.length === 0) throw new RegionbotError('E_NOT_FOUND', `no document ${wanted} in the index (run regionbot inspect to list them)`);
    if (args.json) {
      ctx.stdout.write(JSON.stringify(docs.map(({ d, at }) => ({ ...d, text: d.text, chunks: idx.chunks.ofDoc(at), facts: idx.facts.ofDoc(at) })), null, 2) + '\n');
      return;
    }
    for (const { d, at } of docs) {
      const facts = idx.facts.ofDoc(at);
      const chunks = idx.chunks.ofDoc(at);
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

export const metric = command({
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
      const { renderChartPng } = await import('../../charts/chart.js');
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

export const coverageCmd = command({
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

export const evalCmd = command({
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
