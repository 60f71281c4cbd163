/** Building the index: the index command, and the build the other commands run when the index is missing or stale. */
import { ensureFreshIndex } from '../../app/index-service.js';
import { buildIndex, type BuildProgress } from '../../index/build.js';
import { command, type Ctx } from '../command.js';

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
export async function ensureIndex(ctx: Ctx): Promise<void> {
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

export const index = command({
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
