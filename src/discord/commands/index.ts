/** The slash commands, in the order Discord lists them. Adding a command = adding it here. */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { ask } from './ask.js';
import { coverage } from './coverage.js';
import { help } from './help.js';
import { metric } from './metric.js';
import { reindex } from './reindex.js';
import { sources } from './sources.js';
import type { Command } from './types.js';

export type { BotContext, Command } from './types.js';

export const commands: readonly Command[] = [ask, metric, sources, coverage, help, reindex];

/** The commands as Discord's API wants them (for registration). */
export function commandsJson(list: readonly Command[] = commands): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return list.map((c) => c.data.toJSON());
}

export function findCommand(name: string, list: readonly Command[] = commands): Command | undefined {
  return list.find((c) => c.data.name === name);
}
