/** An answer as an embed (for /ask and for questions in chat), and the cooldown note. */
import type { APIEmbed } from 'discord.js';
import { gazetteer } from '../corpus/gazetteer.js';
import { bodyMarkdown } from '../present/markdown.js';
import type { Answer, ParsedQuestion } from '../qa/types.js';

/** How Discord points a person to what the corpus holds. */
export const COVERAGE_HINT = 'Try `/coverage` to see which regions, metrics and years the corpus holds.';
import { citationFields } from './citations.js';
import { COLORS, cutMarkdown, escapeQuestion, fitEmbed, footerText, indexBuiltLabel, titleCase } from './format.js';
import { LIMITS } from './limits.js';

/** How the question was read: "Read as: Jilin · r&d investment · 2021". */
export function readAs(parsed: ParsedQuestion, regionName: (id: string) => string = (id) => gazetteer().name(id)): string {
  const region = parsed.regions.length > 0
    ? parsed.regions.map(regionName).join(', ')
    : parsed.unknownPlaces.length > 0
      ? `${parsed.unknownPlaces.map(titleCase).join(', ')} (not a region I know)`
      : 'any region';
  const metric = parsed.metricTerms.length > 0 ? parsed.metricTerms.join(' ') : 'any metric';
  const year = parsed.year === null ? 'any year' : parsed.yearTo !== null && parsed.yearTo !== parsed.year ? `${parsed.year}–${parsed.yearTo}` : String(parsed.year);
  const target = parsed.target === true ? ' · target' : parsed.target === false ? ' · achieved' : '';
  return `Read as: ${region} · ${metric} · ${year}${target}`;
}

export type AnswerKind = 'answer' | 'abstain' | 'help';

export function answerKind(a: Pick<Answer, 'answered' | 'intent'>): AnswerKind {
  if (a.answered) return 'answer';
  return a.intent === 'help' || a.intent === 'greeting' ? 'help' : 'abstain';
}

/**
 * An answer as an embed: title = the question (escaped), description = the body with [n]
 * references, one field per citation (quoted sentence with the number in bold), footer = how the
 * question was read and the index's build date. Abstentions are amber with their own title.
 */
export function renderAnswer(answer: Answer, opts: { builtAt?: string | null } = {}): APIEmbed {
  const kind = answerKind(answer);
  const q = escapeQuestion(answer.question);
  const title = kind === 'answer' ? q : kind === 'abstain' ? `Not in my sources: ${q}` : 'What I can do';
  const shownTitle = cutMarkdown(title || 'Answer', LIMITS.embedTitle);
  const footer = footerText([kind === 'help' ? null : readAs(answer.parsed), indexBuiltLabel(opts.builtAt)]);
  // The body may take what the citations leave (each keeps room for its source line and quote).
  const citations = answer.citations.slice(0, LIMITS.embedFields);
  const fixed = shownTitle.length + footer.text.length + 50;
  const descMax = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - fixed - Math.min(3000, citations.length * 300));
  const description = cutMarkdown(bodyMarkdown(answer, { coverageHint: COVERAGE_HINT }).trim() || (kind === 'abstain' ? "I couldn't find that in the sources." : '\u200b'), descMax);
  const embed: APIEmbed = {
    title: shownTitle,
    color: kind === 'answer' ? COLORS.answer : kind === 'abstain' ? COLORS.abstain : COLORS.info,
    description,
    fields: citationFields(citations, LIMITS.embedTotal - fixed - description.length),
    footer,
  };
  return fitEmbed(embed);
}

export function cooldownMessage(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  return `Please wait ${s} s before asking another question.`;
}
