import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  SlashCommandBuilder,
  SlashCommandOptionsOnlyBuilder,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { LoadedIndex } from '../../index/store.js';
import type { Ask } from '../../app/ask.js';
import type { ChartInput } from '../../charts/chart.js';
import type { ReindexOutcome } from '../index-holder.js';

/** What command handlers get besides the interaction. Plain data and functions: easy to fake in tests. */
export interface BotContext {
  readonly config: Pick<Config, 'REGIONBOT_CHANNELS' | 'REGIONBOT_COOLDOWN_SECONDS'>;
  readonly logger: Logger;
  /** The index answering right now (swapped in place by /reindex). */
  index(): LoadedIndex;
  /** Rebuild the index from the corpus and swap it in; joins a rebuild already running. */
  reindex(): Promise<ReindexOutcome>;
  /** Asking a question (checks, cooldown, answer, log): shared by /ask and messages. */
  readonly ask: Ask;
  /** Draw a chart as PNG (off the event loop when the bot has its answer worker). */
  chart(input: ChartInput): Promise<Buffer>;
  /** Name and description of every slash command (for /help). */
  readonly commandList: readonly { name: string; description: string }[];
}

/** A slash command, as in the discord.js guide: its definition and its handlers. */
export interface Command {
  data: SlashCommandBuilder | SlashCommandOptionsOnlyBuilder;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  /** Buttons whose custom id starts with "<command name>:". */
  button?(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
}
