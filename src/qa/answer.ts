/**
 * Answering: question -> router -> (numeric) fact ranking and a template, (other) extractive cited
 * snippets, or an honest abstention. A wrong number is worse than "I could not find that", so a fact
 * is only given when it matches the question's metric words, region, year and kind of number.
 */
import { gazetteer } from '../corpus/gazetteer.js';
import { splitSentences } from '../corpus/sentences.js';
import { RegionbotError } from '../errors.js';
import type { LoadedIndex } from '../index/store.js';
import type { Fact } from '../index/types.js';
import { DISPLAY_FORMS, FILLER_WORDS } from '../text/lexicon.js';
import { terms } from '../text/terms.js';
import { docMeta, factCitationFor, termRanges } from './cite.js';
import { compareAnswer } from './compare.js';
import { helpLines } from './help.js';
import { vocabularyOf } from './vocabulary.js';
import { asksPlaceFigure, readerApplies } from './policy.js';
import { MODEL, boundLabels, forgetReadings, read, readQuestion } from './reader.js';
import { line, quote, ref, text, type RichLine } from './rich.js';
import { routeQuestion } from './router.js';
import { otherLine, valueLine, valueView } from './templates.js';
import type { Answer, AnswerKind, Citation, ParsedQuestion, ValueView } from './types.js';

export const MAX_QUESTION_LENGTH = 500;

/** A snippet must cover this share of the question's words. */
const MIN_SNIPPET_COVERAGE = 0.6;

// ---------------------------------------------------------------------------------------------
// Answers

type Parts = Partial<Pick<Answer, 'lead' | 'alternatives' | 'comparison' | 'abstention' | 'citations' | 'facts'>>;

function build(q: ParsedQuestion, question: string, kind: AnswerKind, lines: RichLine[], parts: Parts = {}): Answer {
  return {
    question,
    answered: kind === 'value' || kind === 'comparison' || kind === 'passages',
    intent: q.intent,
    kind,
    lines,
    lead: parts.lead ?? null,
    alternatives: parts.alternatives ?? [],
    comparison: parts.comparison ?? null,
    abstention: parts.abstention ?? null,
    citations: parts.citations ?? [],
    parsed: q,
    facts: parts.facts ?? [],
  };
}

function regionLabel(q: ParsedQuestion): string {
  const g = gazetteer();
  if (q.regions.length > 0) return q.regions.map((r) => g.name(r)).join(' and ');
  const unknown = q.unknownPlaces[0];
  return unknown ? unknown[0]!.toUpperCase() + unknown.slice(1) : '';
}


/** The question's metric words for display ("hightech" -> "high-tech"). */
export function topicLabel(q: ParsedQuestion): string {
  return q.metricTerms.map((t) => DISPLAY_FORMS[t] ?? t).join(' ') || 'that';
}

/** An honest "not in the corpus", with what the corpus holds nearby, clearly labelled. */
function abstain(index: LoadedIndex, q: ParsedQuestion, question: string): Answer {
  const region = regionLabel(q);
  const topic = topicLabel(q);
  const subject = `${region ? `${region}'s ` : ''}${topic}${q.year !== null ? ` in ${q.year}` : ''}${q.target ? ' (target)' : ''}`;
  const lines: RichLine[] = [line(text(`I couldn't find ${subject} in the corpus.`))];
  const citations: Citation[] = [];
  const nearby: ValueView[] = [];
  // Nearby: the same metric for another year, or a plan where an achieved figure was asked (never another place).
  if (q.unknownPlaces.length === 0) {
    const near = readerApplies(q) ? readQuestion(index, q).nearby.map((c) => c.fact).filter((f) => f.change === 'level') : [];
    const seen = new Set<string>();
    for (const f of near) {
      const key = `${f.region}|${f.year}|${f.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      citations.push(factCitationFor(index, f, citations.length + 1));
      nearby.push(valueView(f, citations.length));
      if (nearby.length >= 3) break;
    }
    if (nearby.length > 0) lines.push(line(text('The corpus does hold, for other regions or years (not an answer to your question):')), ...nearby.map((v) => otherLine(v)));
  }
  const reason = q.unknownPlaces.length > 0 && q.regions.length === 0 ? 'unknown-place' : 'not-found';
  return build(q, question, 'abstention', lines, { citations, abstention: { reason, subject, nearby, suggestCoverage: true } });
}

/** The reader's answer to one side of a comparison, when it clears the threshold. */
function bestFact(index: LoadedIndex, q: ParsedQuestion): Fact | null {
  if (q.unknownPlaces.length > 0) return null;
  const best = read(index, { ...q, intent: 'numeric' })[0];
  if (best && best.p >= MODEL.threshold) return best.candidate.fact;
  // A side with no achieved figure may still be compared by its plan (the comparison says it is a target).
  if (q.target === null) {
    const plan = read(index, { ...q, intent: 'numeric', target: true })[0];
    if (plan && plan.p >= MODEL.threshold) return plan.candidate.fact;
  }
  return null;
}

function numericAnswer(index: LoadedIndex, q: ParsedQuestion, question: string): Answer | null {
  // A place the corpus knows nothing of: another place's number would be a wrong answer.
  if (q.unknownPlaces.length > 0) return null;
  const ranked = read(index, q);
  const best = ranked[0];
  if (!best || best.p < MODEL.threshold) return null;
  const lead = best.candidate.fact;
  // The change reported with a level in the same sentence ("RMB15.95 billion, an increase of 7.48%").
  const companion = lead.change === 'level'
    ? index.facts.ofChunk(lead.chunk).find((f) => f.sentenceStart === lead.sentenceStart && f.doc === lead.doc && f.change === 'change' && f.kind === 'percent' && f.valueStart > lead.valueStart && f.valueStart - lead.valueEnd < 40)
    : undefined;
  const citations: Citation[] = [factCitationFor(index, lead, 1)];
  const leadView = valueView({ ...lead, ...boundLabels(best.candidate, index) }, 1, companion);
  const lines: RichLine[] = [valueLine(leadView)];
  // Other values that also clear the bar (other years or articles), with their dates.
  const alternatives: ValueView[] = [];
  const used: Fact[] = [lead];
  for (const s of ranked.slice(1)) {
    if (alternatives.length >= 2) break;
    if (s.p < MODEL.threshold) break;
    const f = s.candidate.fact;
    if (used.some((u) => u.value === f.value && u.kind === f.kind)) continue;
    used.push(f);
    citations.push(factCitationFor(index, f, citations.length + 1));
    alternatives.push(valueView({ ...f, ...boundLabels(s.candidate, index) }, citations.length));
  }
  if (alternatives.length > 0) lines.push(line(text('Also in the corpus:')), ...alternatives.map((v) => otherLine(v)));
  return build(q, question, 'value', lines, { lead: leadView, alternatives, citations, facts: used });
}

/** Extractive answer: the best sentences for the question, with its words in bold. */
function snippetAnswer(index: LoadedIndex, q: ParsedQuestion, question: string): Answer {
  // A place the corpus does not know ("the GDP of Mars"): nothing here is about it.
  if (q.unknownPlaces.length > 0) return abstain(index, q, question);
  const qTerms = new Set(q.metricTerms.flatMap((t) => terms(t)).filter((t) => !FILLER_WORDS.has(t)));
  const regionTerms = new Set(q.regions.flatMap((r) => terms(gazetteer().name(r))));
  if (qTerms.size === 0) return abstain(index, q, question);
  const { hits } = index.search.search([...qTerms, ...regionTerms].join(' '), { limit: 12 });
  type Cand = { doc: string; text: string; coverage: number; score: number };
  const cands: Cand[] = [];
  for (const hit of hits) {
    const chunk = index.chunks.get(hit.id);
    if (!chunk) continue;
    if (q.regions.length > 0) {
      const doc = index.docById.get(chunk.doc);
      const docRegions = new Set([...(doc?.regions ?? []), ...chunk.regions]);
      if (!q.regions.some((r) => docRegions.has(r))) continue;
    }
    for (const s of splitSentences(chunk.text)) {
      const st = new Set(terms(s.text));
      const covered = [...qTerms].filter((t) => st.has(t)).length;
      const coverage = covered / qTerms.size;
      let score = coverage + 0.2 * hit.score / (hits[0]?.score as number);
      if (q.intent === 'list') score += 0.1 * Math.min(5, (s.text.match(/,/g) ?? []).length) + (/\b(?:including|such as|namely|include)\b|[–—:]/.test(s.text) ? 0.2 : 0);
      if (q.intent === 'definition' && /\b(?:is|are|was|refers to|means)\s+(?:not only\s+)?(?:a|an|the|to)\b/i.test(s.text)) score += 0.25;
      if (q.intent === 'person' && /\b(?:director|secretary|chief|head|mayor|governor|president|chairman|minister|said|introduced)\b/i.test(s.text)) score += 0.3;
      cands.push({ doc: chunk.doc, text: s.text, coverage, score });
    }
  }
  cands.sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const top = cands.filter((c) => (seen.has(c.text) ? false : (seen.add(c.text), true)));
  const best = top[0];
  // Enough of the question's words must be in the sentence: both of two, three of four, three of five.
  if (!best || best.coverage * qTerms.size < Math.ceil(MIN_SNIPPET_COVERAGE * qTerms.size)) return abstain(index, q, question);
  const second = q.intent === 'list' ? MIN_SNIPPET_COVERAGE : Math.max(MIN_SNIPPET_COVERAGE, best.coverage - 0.01);
  const picked = [best, ...top.slice(1).filter((c) => c.coverage >= second).slice(0, 1)];
  const citations: Citation[] = picked.map((c, i) => ({ n: i + 1, ...docMeta(index, c.doc), snippet: c.text, bold: termRanges(c.text, qTerms) }));
  const lines = [line(text('From the corpus:')), ...picked.map((c, i) => quote(text(`${c.text} `), ref(i + 1)))];
  return build(q, question, 'passages', lines, { citations });
}

/** Answer a question from the index. Throws RegionbotError (E_QUESTION) for an empty or too long one. */
export function answerQuestion(index: LoadedIndex, question: string): Answer {
  const trimmed = question.trim();
  if (trimmed.length === 0) throw new RegionbotError('E_QUESTION', 'the question is empty; ask something like "how many high-tech enterprises does Jilin have?"');
  if (trimmed.length > MAX_QUESTION_LENGTH) {
    throw new RegionbotError('E_QUESTION', `the question is too long (${trimmed.length} characters; the limit is ${MAX_QUESTION_LENGTH})`);
  }
  forgetReadings(index);
  const q = routeQuestion(trimmed, vocabularyOf(index));
  switch (q.intent) {
    case 'greeting':
    case 'help':
      return build(q, trimmed, 'help', helpLines(index));
    case 'out_of_scope':
      return build(q, trimmed, 'refusal', [
        line(text(`I can only answer questions about the regional innovation news in my corpus, and "${q.text.slice(0, 80)}" is not one I can answer.`)),
        ...helpLines(index, { short: true }),
      ], { abstention: { reason: 'out-of-scope', subject: q.text.slice(0, 80), nearby: [], suggestCoverage: false } });
    case 'compare': {
      // "how much did X grow vs 2019", "X's average annual growth from 2019 to 2022": one place's change.
      const wantsChange = q.want === 'change' || q.want === 'multiple';
      if (wantsChange && q.regions.length <= 1 && /\b(?:vs\.?|versus|since|compared (?:to|with)|from)\s+(?:19|20)\d\d\b|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d|\bcompared (?:to|with) (?:the )?(?:year before|previous year|last year|a year (?:earlier|before))|\byear[- ]on[- ]year\b/i.test(q.text)) {
        const a = numericAnswer(index, { ...q, intent: 'numeric' }, trimmed);
        if (a) return a;
      }
      return compareAnswer(index, q, trimmed, (text) => routeQuestion(text, vocabularyOf(index)), (side) => bestFact(index, side)) ?? abstain(index, q, trimmed);
    }
    case 'numeric':
    case 'definition':
    case 'search': {
      if (readerApplies(q)) return numericAnswer(index, q, trimmed) ?? abstain(index, q, trimmed);
      if (asksPlaceFigure(q)) return abstain(index, q, trimmed);
      // "what is the goal of the action plan": a question answered in words.
      const words = snippetAnswer(index, { ...q, intent: q.intent === 'numeric' ? 'definition' : q.intent }, trimmed);
      return words.answered ? words : abstain(index, q, trimmed);
    }
    default:
      return snippetAnswer(index, q, trimmed);
  }
}

