import { createInterface } from 'node:readline';
import { isRegionbotError } from '../errors.js';
import type { LoadedIndex } from '../index/store.js';
import { answerQuestion } from '../qa/answer.js';
import { renderTerminal } from '../qa/render.js';

/** The terminal chat: the same answers as Discord, rendered for a terminal. */
export async function runChat(index: LoadedIndex, input: NodeJS.ReadableStream, output: NodeJS.WritableStream & { isTTY?: boolean }): Promise<void> {
  const color = output.isTTY === true;
  output.write(`regionbot: ${index.docs.length} articles, ${index.facts.length} facts. Ask a question ("help" for examples, "exit" to leave).\n`);
  const rl = createInterface({ input, output, terminal: color, prompt: '> ' });
  rl.prompt();
  for await (const line of rl) {
    const q = line.trim();
    if (/^(?:exit|quit|bye|:q)$/i.test(q)) break;
    if (q) {
      try {
        output.write(renderTerminal(answerQuestion(index, q), color) + '\n\n');
      } catch (err) {
        if (!isRegionbotError(err)) throw err;
        output.write(err.message.replace(/^regionbot: /, '') + '\n\n');
      }
    }
    rl.prompt();
  }
  rl.close();
}

