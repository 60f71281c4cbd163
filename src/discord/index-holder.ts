/**
 * The index the bot answers from, held in memory and swapped in place by /reindex. Readers call
 * `get()` for every question, so a swap takes effect at once; a question being answered keeps the
 * index it started with. One rebuild at a time: a second request joins the running one.
 */
import type { Logger } from 'pino';
import { buildIndex, type BuildSummary } from '../index/build.js';
import { loadIndex, type LoadedIndex } from '../index/store.js';
import type { IndexBuilder } from './rebuild.js';

export interface ReindexOutcome {
  summary: BuildSummary;
  /** The index now answering. */
  index: LoadedIndex;
  /** Counts of the index it replaced. */
  before: { documents: number; facts: number; builtAt: string };
  /** true when this request joined a rebuild someone else started. */
  joined: boolean;
}

export class IndexHolder {
  private current: LoadedIndex;
  private running: Promise<ReindexOutcome> | null = null;

  constructor(
    index: LoadedIndex,
    private readonly opts: { indexDir: string; corpusDir: string; logger: Logger; build?: IndexBuilder },
  ) {
    this.current = index;
  }

  get(): LoadedIndex {
    return this.current;
  }

  /** The rebuild in progress, if any. */
  get pending(): Promise<unknown> | null {
    return this.running;
  }

  reindex(): Promise<ReindexOutcome> {
    if (this.running) return this.running.then((o) => ({ ...o, joined: true }));
    const run = this.rebuild().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async rebuild(): Promise<ReindexOutcome> {
    const { indexDir, corpusDir, logger } = this.opts;
    const old = this.current;
    const before = { documents: old.docs.length, facts: old.facts.length, builtAt: old.manifest.builtAt };
    logger.info({ corpusDir, indexDir }, 'rebuilding the index');
    const summary = await (this.opts.build ?? buildIndex)(corpusDir, indexDir);
    // The build swapped the folder atomically; load what it wrote and answer from it from now on.
    const next = await loadIndex(indexDir);
    this.current = next;
    logger.info(
      { documents: summary.documents, facts: summary.facts, metrics: summary.metrics, skipped: summary.skipped.length, seconds: summary.seconds, builtAt: next.manifest.builtAt },
      'index swapped in',
    );
    return { summary, index: next, before, joined: false };
  }
}
