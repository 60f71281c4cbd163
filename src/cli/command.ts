/**
 * What every command shares: its context, the citty record with help details, the common options,
 * opening the index, and the help text and argument parsing of one command.
 */
import { existsSync } from 'node:fs';
import { defineCommand, parseArgs, type ArgsDef, type CommandDef } from 'citty';
import type { Config } from '../config.js';
import { RegionbotError } from '../errors.js';
import { loadIndex, type LoadedIndex } from '../index/store.js';

export interface Ctx {
  config: Config;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

export function usage(message: string): RegionbotError {
  return new RegionbotError('E_USAGE', message);
}

/** One command: a citty record (meta, args, run) plus the help text's details and examples. */
export interface Command<T extends ArgsDef = ArgsDef> extends CommandDef<T> {
  meta: { name: string; description: string };
  args: T;
  /** More about the command, printed under its usage line. */
  details?: string;
}

export function command<const T extends ArgsDef>(def: Command<T>): Command<T> {
  return defineCommand(def) as Command<T>;
}

export const indexArg = { type: 'string', valueHint: 'DIR', description: 'the index folder (default: REGIONBOT_INDEX_DIR or index)' } as const;
export const jsonArg = { type: 'boolean', description: 'print JSON' } as const;

/** Load the index, refusing a stale one when its corpus folder (given, or the one it was built from) is at hand. */
export async function openIndex(dir: string, corpusDir?: string): Promise<LoadedIndex> {
  return loadIndex(dir, { corpusDir: (manifest) => { const corpus = corpusDir ?? manifest.corpus.dir; return existsSync(corpus) ? corpus : undefined; } });
}

function usageLine(cmd: Command): string {
  const parts = [`regionbot ${cmd.meta.name}`];
  for (const [name, a] of Object.entries(cmd.args)) {
    if (a.type === 'positional') parts.push(`[${a.valueHint ?? name}]`);
    else parts.push(a.type === 'boolean' ? `[--${name}]` : `[--${name} ${a.valueHint ?? 'VALUE'}]`);
  }
  return parts.join(' ');
}

export function commandHelp(cmd: Command): string {
  const lines = [`Usage: ${usageLine(cmd)}`, '', cmd.meta.description.charAt(0).toUpperCase() + cmd.meta.description.slice(1) + '.'];
  if (cmd.details) lines.push('', cmd.details);
  const opts = Object.entries(cmd.args).map(([name, a]) => [a.type === 'positional' ? (a.valueHint ?? name) : a.type === 'boolean' ? `--${name}` : `--${name} ${a.valueHint ?? 'VALUE'}`, a.description ?? ''] as const);
  opts.push(['-h, --help', 'show this help']);
  const width = Math.max(...opts.map(([o]) => o.length));
  lines.push('', 'Options:', ...opts.map(([o, d]) => `  ${o.padEnd(width)}  ${d}`));
  return lines.join('\n');
}

/** Parse a command's arguments with citty, refusing unknown options and options without a value. */
export function parseCommandArgs(cmd: Command, raw: string[]): { help: boolean; args: Record<string, unknown> & { _: string[] } } {
  const known = new Map<string, 'string' | 'boolean'>();
  for (const [name, a] of Object.entries(cmd.args)) if (a.type === 'string' || a.type === 'boolean') known.set(name, a.type);
  let help = false;
  for (let i = 0; i < raw.length; i++) {
    const tok = raw[i]!;
    if (tok === '--') break;
    if (tok === '-h' || tok === '--help') {
      help = true;
      continue;
    }
    if (!tok.startsWith('-') || tok === '-' || /^-\d/.test(tok)) continue;
    const name = tok.replace(/^--?/, '').split('=')[0]!;
    const type = known.get(name) ?? (name.startsWith('no-') && known.get(name.slice(3)) === 'boolean' ? 'boolean' : undefined);
    if (!type) throw usage(`Unknown option '${tok.split('=')[0]}' (see regionbot ${cmd.meta.name} --help)`);
    if (type === 'string' && !tok.includes('=')) {
      const next = raw[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) throw usage(`option '--${name}' needs a value (see regionbot ${cmd.meta.name} --help)`);
      i++;
    }
  }
  const args = parseArgs(raw, cmd.args) as Record<string, unknown> & { _: string[] };
  return { help, args };
}
