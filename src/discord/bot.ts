/**
 * The Discord bot: a discord.js v14 client with only the intents it needs, answering slash
 * commands, mentions and (optionally) every message of some channels from an index held in
 * memory. `/reindex` rebuilds the index in a worker thread and swaps it in without a restart.
 *
 * Only this folder imports discord.js; the CLI calls `startBot` with an already-parsed Config.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Events, GatewayIntentBits, RESTEvents } from 'discord.js';
import type { Logger } from 'pino';
import { requireDiscord, type Config } from '../config.js';
import { RegionbotError, discordError } from '../errors.js';
import { ensureFreshIndex } from '../app/index-service.js';
import { loadIndex, type LoadedIndex } from '../index/store.js';
import { commands } from './commands/index.js';
import type { BotContext } from './commands/types.js';
import { askService } from '../app/ask.js';
import { workerAnswerer, type Answerer } from '../app/answerer.js';
import { Cooldown } from '../app/cooldown.js';
import { IndexHolder, type ReindexOutcome } from './index-holder.js';
import { handleInteraction } from './interactions.js';
import { safeMentions } from './limits.js';
import { botLogger } from './log.js';
import { handleMessage } from './messages.js';
import { buildInBackground, terminateBuilds, type IndexBuilder } from './rebuild.js';

export interface StartBotOptions {
  config: Config;
  indexDir: string;
  corpusDir: string;
  logger?: Logger;
  /** How the index is rebuilt by /reindex (default: buildIndex in a worker thread). For tests. */
  build?: IndexBuilder;
  /** How long `stop()` waits for answers in progress before disconnecting (default 10 s). */
  stopGraceMs?: number;
  /** How long to wait for the gateway's READY after login (default 30 s). */
  readyTimeoutMs?: number;
  /** Called when the gateway session is ready (logged in), e.g. to start measuring the event loop. */
  onReady?: () => void;
  /**
   * The index of `indexDir`, already checked against the corpus, loaded or loading (the CLI's
   * `serve` checks it once and starts loading it while discord.js loads). Without it, startBot
   * brings the index up to date (rebuilding it if needed) and loads it.
   */
  index?: LoadedIndex | Promise<LoadedIndex>;
  /** Where questions are answered (default: a worker thread, so answering never blocks the gateway). */
  answerer?: Answerer;
}

export interface RunningBot {
  client: Client;
  /** Stop answering, let answers in progress finish (up to the grace time), disconnect. Idempotent. */
  stop(): Promise<void>;
  /** The index answering right now. */
  index(): LoadedIndex;
  /** What /reindex does: rebuild from the corpus and swap the new index in. */
  reindex(): Promise<ReindexOutcome>;
}

/** The gateway intents the bot needs: guilds (channels, roles), guild messages, and their content. */
export const BOT_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] as const;

export async function startBot(opts: StartBotOptions): Promise<RunningBot> {
  const { config, indexDir, corpusDir } = opts;
  requireDiscord(config, ['DISCORD_TOKEN']);
  const token = config.DISCORD_TOKEN as string;
  const logger = botLogger(opts.logger, config.LOG_LEVEL, [token]);

  // The app's one index policy (as the CLI's `start`): a missing, other-version or stale index is
  // rebuilt first, before going online (never while users see the bot and cannot get an answer).
  const build = opts.build ?? buildInBackground(logger, { maxArticleBytes: Math.round(config.REGIONBOT_MAX_ARTICLE_MB * 1024 * 1024) });
  if (opts.index === undefined) {
    await ensureFreshIndex({
      indexDir,
      corpusDir,
      build: (corpus, out) => build(corpus, out),
      onRebuild: (reason) => logger.info({ indexDir, corpusDir, reason }, 'rebuilding the index before serving'),
    });
  }
  // The index loads while the client logs in (the gateway handshake is mostly waiting on the
  // network). Interactions and messages that arrive before it is loaded wait for it.
  const loading = Promise.resolve(opts.index ?? loadIndex(indexDir));
  loading.catch(() => undefined); // awaited below; never an unhandled rejection if login fails first
  let holder: IndexHolder | undefined;
  const answerer = opts.answerer ?? workerAnswerer(logger);
  const loaded = loading.then((index) => {
    answerer.prepare(index);
    return (holder = new IndexHolder(index, { indexDir, corpusDir, logger, build }));
  });
  loaded.catch(() => undefined);
  const current = (): IndexHolder => {
    if (!holder) throw new Error('the index is not loaded yet');
    return holder;
  };
  const ctx: BotContext = {
    config,
    logger,
    index: () => current().get(),
    reindex: () => current().reindex().then((outcome) => (answerer.prepare(outcome.index), outcome)),
    ask: askService({ index: () => current().get(), cooldown: new Cooldown(config.REGIONBOT_COOLDOWN_SECONDS), logger, answerer }),
    chart: (input) => answerer.chart(input),
    commandList: commands.map((c) => ({ name: c.data.name, description: c.data.description })),
  };
  /** Run `work` now when the index is loaded, else once it is. */
  const withIndex = (work: () => Promise<void>): Promise<void> => (holder ? work() : loaded.then(work));

  const client = new Client({
    intents: [...BOT_INTENTS],
    allowedMentions: safeMentions(),
    ...(config.DISCORD_API_BASE_URL ? { rest: { api: config.DISCORD_API_BASE_URL } } : {}),
  });

  // Every handler's promise is tracked (for a graceful stop) and can never reject unhandled.
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>, what: string): void => {
    const p = work.catch((err: unknown) => logger.error({ err }, `${what} failed`));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  let stopping = false;

  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    track(withIndex(() => handleInteraction(interaction, ctx)), 'interaction');
  });
  client.on(Events.MessageCreate, (message) => {
    const me = client.user;
    if (stopping || !me || message.author.id === me.id) return;
    track(withIndex(() => handleMessage(message, ctx, me.id)), 'message');
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.Warn, (warning) => logger.warn({ warning }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (!stopping) logger.warn({ shard, code: event.code }, 'gateway disconnected');
  });
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping) logger.info({ shard }, 'gateway reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway session resumed'));
  client.on(Events.ShardError, (err, shard) => logger.error({ err, shard }, 'gateway error'));
  client.on(Events.Invalidated, () => logger.error('gateway session invalidated'));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn({ route: info.route, method: info.method, retryAfter: info.retryAfter, global: info.global, scope: info.scope }, 'rate limited by Discord; waiting'),
  );

  let readyTimer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    readyTimer = setTimeout(() => reject(new RegionbotError('E_NETWORK', `the Discord gateway did not become ready in ${Math.round((opts.readyTimeoutMs ?? 30_000) / 1000)} s; check the network connection (and DISCORD_API_BASE_URL if set), then try again`)), opts.readyTimeoutMs ?? 30_000);
    client.once(Events.ClientReady, () => {
      opts.onReady?.();
      resolve();
    });
  });
  ready.catch(() => undefined); // awaited below; never an unhandled rejection if login fails first
  try {
    await client.login(token);
    await ready;
  } catch (err) {
    await client.destroy().catch(() => undefined);
    await answerer.close();
    throw discordError(err);
  } finally {
    clearTimeout(readyTimer);
  }
  let index: LoadedIndex;
  try {
    index = (await loaded).get();
  } catch (err) {
    await client.destroy().catch(() => undefined);
    await answerer.close();
    throw err;
  }
  logger.info(
    { user: client.user?.id, guilds: client.guilds.cache.size, documents: index.docs.length, builtAt: index.manifest.builtAt, channels: config.REGIONBOT_CHANNELS.length },
    'regionbot is online',
  );

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      logger.info({ inFlight: inFlight.size }, 'stopping');
      const grace = opts.stopGraceMs ?? 10_000;
      if (inFlight.size > 0) await Promise.race([Promise.allSettled([...inFlight]), sleep(grace, undefined, { ref: false })]);
      await terminateBuilds();
      await answerer.close();
      await client.destroy();
      logger.info('stopped');
    })();
    return stopped;
  };

  return { client, stop, index: () => current().get(), reindex: () => ctx.reindex() };
}
