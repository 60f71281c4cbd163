import { createInterface } from 'node:readline';
import { isRegionbotError } from '../errors.js';
import type { LoadedIndex } from '../index/store.js';
import { answerQuestion } from '../qa/answer.js';
import { helpText } from '../qa/help.js';
import { answerTerminal } from '../present/terminal.js';

/** The terminal chat: the same answers as Discord, rendered for a terminal. */
export async function runChat(index: LoadedIndex, input: NodeJS.ReadableStream, output: NodeJS.WritableStream & { isTTY?: boolean }): Promise<void> {
  const color = output.isTTY === true;
  output.write(`regionbot: ${index.docs.length} articles, ${index.facts.length} facts. Ask a question ("help" for examples, "exit" to leave).\n`);
  const rl = createInterface({ input, output, terminal: color, prompt: '> ' });
  rl.prompt();
  for await (const line of rl) {
    const q = line.trim();
    if (/^(?:exit|quit|bye|:q)$/i.test(q)) break;
    if (/^(?:help|\?|commands)(?:\s+\S+)?$/i.test(q)) {
      output.write(`${chatHelp(index)}\n\n`);
    } else if (q) {
      try {
        output.write(answerTerminal(answerQuestion(index, q), color) + '\n\n');
      } catch (err) {
        if (!isRegionbotError(err)) throw err;
        output.write(err.message.replace(/^regionbot: /, '') + '\n\n');
      }
    }
    rl.prompt();
  }
  rl.close();
}


/** What `help` (or `help anything`) prints in the chat: how to ask, examples from the index, how to leave. */
export function chatHelp(index: LoadedIndex): string {
  return [
    helpText(index, { short: true }),
    'Type a question and press Enter; "exit" or Ctrl-D leaves. For the command line, run regionbot help (or regionbot help COMMAND).',
  ].join('\n');
}
