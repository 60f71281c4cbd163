/** Running the bot: start (Discord or the terminal chat), serve and deploy-commands. */
import { requireDiscord } from '../../config.js';
import { monitorEventLoop, type EventLoopMonitor } from '../../app/event-loop.js';
import { discordError } from '../../errors.js';
import { loadIndex } from '../../index/store.js';
import { runChat } from '../chat.js';
import { command, usage, type Command, type Ctx } from '../command.js';
import { ensureIndex } from './indexing.js';

export const start = command({
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

export const serve: Command = command({
  meta: { name: 'serve', description: 'run the Discord bot (needs DISCORD_TOKEN)' },
  details: 'Runs the Discord bot. Needs DISCORD_TOKEN (and DISCORD_API_BASE_URL for a local stand-in); see .env.example.',
  args: {},
  async run({ data }) {
    const ctx = data as Ctx;
    requireDiscord(ctx.config, ['DISCORD_TOKEN']);
    // Start-up does each thing once, overlapping what waits: discord.js (about 0.3 s to import) loads
    // while the index is checked against the corpus (once: startBot is given the index and does not
    // check again) and starts loading; the index finishes loading while the client logs in.
    const discord = import('../../discord/bot.js');
    discord.catch(() => undefined); // awaited below, after ensureIndex (which may fail first)
    await ensureIndex(ctx);
    const index = loadIndex(ctx.config.REGIONBOT_INDEX_DIR);
    index.catch(() => undefined); // awaited by startBot
    const { startBot } = await discord;
    // REGIONBOT_EVENT_LOOP_REPORT: measure the event loop from login to shutdown (see app/event-loop.ts).
    const reportFile = ctx.config.REGIONBOT_EVENT_LOOP_REPORT;
    let loop: EventLoopMonitor | undefined;
    const bot = await startBot({
      config: ctx.config,
      indexDir: ctx.config.REGIONBOT_INDEX_DIR,
      corpusDir: ctx.config.REGIONBOT_CORPUS_DIR,
      index,
      ...(reportFile ? { onReady: () => (loop ??= monitorEventLoop({ file: reportFile })) } : {}),
    }).catch((err: unknown) => {
      loop?.stop();
      throw discordError(err);
    });
    await new Promise<void>((resolveStop) => {
      const stop = () => {
        loop?.stop();
        void bot.stop().finally(resolveStop);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
});

export const deploy = command({
  meta: { name: 'deploy-commands', description: 'register the slash commands (needs DISCORD_TOKEN and DISCORD_CLIENT_ID)' },
  details: 'Registers the slash commands, for one guild (--guild or DISCORD_GUILD_ID) or globally.',
  args: { guild: { type: 'string', valueHint: 'ID', description: 'register in this guild only (instant)' } },
  async run({ args, data }) {
    const ctx = data as Ctx;
    requireDiscord(ctx.config, ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID']);
    const guildId = args.guild ?? ctx.config.DISCORD_GUILD_ID;
    if (guildId !== undefined && !/^\d{17,20}$/.test(guildId)) throw usage('--guild must be a Discord id (17 to 20 digits)');
    const { deployCommands } = await import('../../discord/deploy.js');
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
