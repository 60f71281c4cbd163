/** The question commands: ask (one question, or JSON Lines from standard input) and the terminal chat. */
import { createInterface } from 'node:readline';
import { isRegionbotError } from '../../errors.js';
import { MAX_QUESTION_LENGTH, answerQuestion } from '../../qa/answer.js';
import type { Answer } from '../../qa/types.js';
import { answerMarkdown } from '../../present/markdown.js';
import { answerTerminal } from '../../present/terminal.js';
import { runChat } from '../chat.js';
import { command, indexArg, jsonArg, openIndex, usage, type Ctx } from '../command.js';

/** How the command line points a person to what the corpus holds. */
export const COVERAGE_HINT = 'Run `regionbot coverage` to see which regions, metrics and years the corpus holds.';

/** A question as echoed back: an oversized one is cut to a short prefix. */
export function echoQuestion(question: string): string {
  if (question.length <= MAX_QUESTION_LENGTH) return question;
  return `${question.slice(0, 80)}… (${question.length} characters)`;
}

function toJson(a: Answer) {
  return {
    question: echoQuestion(a.question),
    answered: a.answered,
    intent: a.intent,
    answer: answerMarkdown(a, { coverageHint: COVERAGE_HINT }),
    citations: a.citations.map((c) => ({ doc: c.doc, title: c.title, date: c.date, source: c.source, snippet: c.snippet })),
  };
}

function errorJson(question: string, message: string, code: string) {
  return { question: echoQuestion(question), answered: false, intent: 'invalid', answer: message.replace(/^regionbot: /, ''), citations: [], error: code };
}

/**
 * One line of `ask --json` input: a JSON object {"question": "..."} (JSON Lines, as the README says)
 * or a plain-text question. Returns the question, or an error message for a bad line.
 */
export function parseQuestionLine(line: string): { question: string } | { question: string; error: string } {
  const text = line.trim();
  if (text.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { question: text, error: 'this line is not valid JSON; give {"question": "..."} or a plain-text question' };
    }
    const q = (value as { question?: unknown }).question;
    if (typeof q !== 'string') return { question: text, error: 'this JSON line has no "question" string; give {"question": "..."}' };
    return q.trim() ? { question: q } : { question: q, error: 'the question is empty' };
  }
  return text ? { question: line } : { question: '', error: 'the line is empty; give one question per line' };
}

export const ask = command({
  meta: { name: 'ask', description: 'answer one question (--json for JSON; with --json and no question, JSON Lines from stdin)' },
  details:
    'With --json prints {question, answered, intent, answer, citations} on one line. With --json and no question, reads JSON Lines from standard input: ' +
    'each line a {"question": "..."} object or a plain-text question; prints exactly one JSON object per input line, in order ' +
    '(an object with "error" for a bad line).',
  args: {
    question: { type: 'positional', required: false, valueHint: 'question', description: 'the question, e.g. "how many high-tech enterprises does Jilin have?"' },
    json: jsonArg,
    index: indexArg,
  },
  async run({ args, data, rawArgs }) {
    const ctx = data as Ctx;
    const given = args._.length > 0;
    const question = args._.join(' ');
    const example = 'e.g. regionbot ask "how many high-tech enterprises does Jilin have?"';
    if (given && !question.trim()) throw usage(`the question is empty; give one, ${example}`);
    if (!given && !args.json) throw usage(`ask needs a question, ${example}`);
    if (!given && ctx.stdin.isTTY) {
      throw usage(`ask --json with no question reads JSON Lines from standard input; pipe them in (echo '{"question": "..."}' | regionbot ask --json) or give the question, ${example}`);
    }
    const index = await openIndex(args.index ?? ctx.config.REGIONBOT_INDEX_DIR);
    void rawArgs;
    if (given) {
      const a = answerQuestion(index, question);
      ctx.stdout.write(args.json ? JSON.stringify(toJson(a)) + '\n' : answerTerminal(a, ctx.stdout.isTTY === true, COVERAGE_HINT) + '\n');
      return;
    }
    // JSON Lines from standard input: exactly one output line per input line, in order.
    const rl = createInterface({ input: ctx.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      const parsed = parseQuestionLine(line);
      if ('error' in parsed) {
        ctx.stdout.write(JSON.stringify(errorJson(parsed.question, parsed.error, 'E_QUESTION')) + '\n');
        continue;
      }
      try {
        ctx.stdout.write(JSON.stringify(toJson(answerQuestion(index, parsed.question))) + '\n');
      } catch (err) {
        if (!isRegionbotError(err)) throw err;
        ctx.stdout.write(JSON.stringify(errorJson(parsed.question, err.message, err.code)) + '\n');
      }
    }
  },
});

export const chat = command({
  meta: { name: 'chat', description: 'terminal chat over the index' },
  details: 'A terminal chat: type a question, get the answer with its sources. Type "help" for examples, "exit" or press Ctrl-D to leave.',
  args: { index: indexArg },
  async run({ args, data }) {
    const ctx = data as Ctx;
    const loaded = await openIndex(args.index ?? ctx.config.REGIONBOT_INDEX_DIR);
    await runChat(loaded, ctx.stdin, ctx.stdout);
  },
});
