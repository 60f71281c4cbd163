/** The Discord side of regionbot: what the CLI needs for `serve` and `deploy-commands`. */
export { startBot, BOT_INTENTS, type RunningBot, type StartBotOptions } from './bot.js';
export { deployCommands, type DeployOptions } from './deploy.js';
export { commands, commandsJson } from './commands/index.js';
