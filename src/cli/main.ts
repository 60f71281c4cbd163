/**
 * The regionbot command line. The only place (with the Discord entry it starts) that reads
 * process.env, through the one zod schema in config.ts. Errors print one line, without a stack.
 *
 * Each command is one citty record: its description, options and help text live together, and both
 * `regionbot help CMD` and `regionbot CMD --help` print it.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { fsError, isRegionbotError } from '../errors.js';
import { command, commandHelp, parseCommandArgs, usage, type Command, type Ctx } from './command.js';
import { ask, chat } from './commands/ask.js';
import { coverageCmd, evalCmd, inspect, metric } from './commands/browse.js';
import { index } from './commands/indexing.js';
import { deploy, serve, start } from './commands/serve.js';

export { COVERAGE_HINT, echoQuestion, parseQuestionLine } from './commands/ask.js';
export { commandHelp } from './command.js';

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
