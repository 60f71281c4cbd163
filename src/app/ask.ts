/**
 * Asking a question, whatever the way in (/ask, a mention, a watched channel, ...): the question is
 * checked (not empty, not too long), the asker's cooldown applied, the question answered from the
 * index, and the outcome logged. The edges only turn the outcome into their own replies.
 *
 * No platform here: no discord.js, no process.env.
 */
import type { Logger } from 'pino';
import { RegionbotError } from '../errors.js';
import type { LoadedIndex } from '../index/store.js';
import { MAX_QUESTION_LENGTH } from '../qa/answer.js';
import type { Answer } from '../qa/types.js';
import { inThreadAnswerer, type Answerer } from './answerer.js';
import type { Cooldown } from './cooldown.js';

export { MAX_QUESTION_LENGTH };

/** How a question came in. */
export type Via = 'slash' | 'mention' | 'channel';

export interface Asker {
  /** Who asks: the cooldown is per asker, shared by every way in. */
  id: string;
  via: Via;
  /** Extra fields for the log (ids of the message or interaction, the channel). Never secrets. */
  log?: Record<string, unknown>;
}

export type AskOutcome =
  /** The question itself is not acceptable (empty, too long): tell the person why. */
  | { kind: 'refused'; error: RegionbotError }
  /** The asker asked too recently; `notify` is true for the first refusal of the window only. */
  | { kind: 'wait'; seconds: number; notify: boolean }
  | { kind: 'answered'; answer: Answer; builtAt: string };

export interface AskHooks {
  /** Called once the question is admitted, before answering (e.g. to acknowledge it). */
  admitted?: () => Promise<unknown>;
}

export type Ask = (question: string, who: Asker, hooks?: AskHooks) => Promise<AskOutcome>;

export interface AskDeps {
  /** The index answering right now. */
  index: () => LoadedIndex;
  cooldown: Cooldown;
  logger: Logger;
  /** Where questions are answered (default: this thread). */
  answerer?: Answerer;
}

/** Why a question cannot be asked, or null. */
export function questionProblem(question: string): RegionbotError | null {
  const trimmed = question.trim();
  if (trimmed.length === 0) return new RegionbotError('E_QUESTION', 'the question is empty; ask something like "how many high-tech enterprises does Jilin have?"');
  if (trimmed.length > MAX_QUESTION_LENGTH) {
    return new RegionbotError('E_QUESTION', `the question is too long (${trimmed.length} characters; the limit is ${MAX_QUESTION_LENGTH})`);
  }
  return null;
}

/** The ask flow, once for every edge. Unexpected failures (a bug, a broken index) are thrown. */
export function askService(deps: AskDeps): Ask {
  const answerer = deps.answerer ?? inThreadAnswerer();
  return async (question, who, hooks = {}) => {
    const log = { ...who.log, user: who.id, via: who.via };
    const problem = questionProblem(question);
    if (problem) {
      deps.logger.info({ ...log, reason: problem.message }, 'question refused');
      return { kind: 'refused', error: problem };
    }
    const { wait, notify } = deps.cooldown.take(who.id);
    if (wait > 0) {
      deps.logger.debug({ ...log, wait }, 'cooling down');
      return { kind: 'wait', seconds: wait, notify };
    }
    await hooks.admitted?.();
    const index = deps.index();
    const trimmed = question.trim();
    const started = performance.now();
    const answer = await answerer.answer(index, trimmed);
    const ms = Math.round(performance.now() - started);
    deps.logger.info({ ...log, question: trimmed, answered: answer.answered, intent: answer.intent, citations: answer.citations.length, ms }, 'answered');
    return { kind: 'answered', answer, builtAt: index.manifest.builtAt };
  };
}
