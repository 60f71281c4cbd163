/** Registering the slash commands with Discord (`regionbot deploy-commands`). */
import { REST } from '@discordjs/rest';
import { Routes } from 'discord.js';
import { commandsJson } from './commands/index.js';

export interface DeployOptions {
  token: string;
  /** The application (client) id. */
  clientId: string;
  /** Register in this guild only (instant; for development). Without it: globally. */
  guildId?: string;
  /** Base URL of the API without the version, e.g. http://127.0.0.1:3000/api. */
  apiBaseUrl?: string;
}

/**
 * Replace the application's slash commands with this bot's (a bulk overwrite: commands that are no
 * longer defined disappear). Returns how many commands Discord now has registered.
 */
export async function deployCommands(opts: DeployOptions): Promise<number> {
  const rest = new REST(opts.apiBaseUrl ? { api: opts.apiBaseUrl } : {}).setToken(opts.token);
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.clientId, opts.guildId) : Routes.applicationCommands(opts.clientId);
  const registered = (await rest.put(route, { body: commandsJson() })) as unknown[];
  return registered.length;
}
