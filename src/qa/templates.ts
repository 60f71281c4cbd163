/**
 * Answer templates: one per kind of fact, so every numeric answer is worded the same way. A target is
 * always labelled as a target; the value is shown as the article states it.
 */
import { gazetteer } from '../corpus/gazetteer.js';
import type { Fact } from '../index/types.js';
import { bullet, line, ref, strong, text, type RichLine } from './rich.js';
import type { ValueView } from './types.js';

/** The value as stated, tidied for display ("RMB15.95 billion" -> "RMB 15.95 billion"), with its qualifier. */
export function statedValue(f: Fact): string {
  let v = f.text.replace(/^(RMB|CNY|USD|HKD|EUR|GBP|JPY)(?=\d)/, '$1 ');
  if (f.qualifier && !/^exceed/.test(f.qualifier)) v = `${f.qualifier} ${v}`;
  else if (f.qualifier) v = `over ${v}`;
  return v;
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

function where(f: Fact): string {
  const parts = [gazetteer().name(f.region)];
  if (f.year !== null) parts.push(f.status === 'target' ? `target for ${f.year}` : String(f.year));
  else if (f.status === 'target') parts.push('target');
  return parts.join(', ');
}

/** The value worded by kind: "RMB 15.95 billion", "up 65%", "ranked 17th" (plain text). */
export function headline(f: Fact): string {
  const v = statedValue(f);
  switch (f.kind) {
    case 'rank':
      return f.unit === 'top' ? f.text : `ranked ${ordinal(f.value)}`;
    case 'places':
      return `${f.direction === 'down' ? 'down' : 'up'} ${v}`;
    case 'multiple':
      return f.text === 'doubled' || f.text === 'tripled' || f.text === 'quadrupled' || f.text === 'halved' ? f.text : v;
    case 'ratio':
      return `${f.value}:${f.value2 ?? '?'}`;
    case 'percent':
    case 'money':
    case 'count':
      return f.change === 'change' ? `${f.direction === 'down' ? 'down' : 'up'} ${v}` : v;
  }
}

/** What the value describes: "R&D investment of the whole society, Jilin, 2021". */
export function described(f: Fact): string {
  const measure = f.measure || 'value';
  const what =
    f.kind === 'places' ? `places moved in ${measure}` :
    f.kind === 'multiple' && f.change === 'change' ? `${measure} (multiple of the previous level)` :
    f.change === 'change' ? `change in ${measure}` :
    measure;
  return `${what}, ${where(f)}`;
}

/** A value as an answer shows it, with the change stated beside it, if any. */
export function valueView(f: Fact, ref: number, companion?: Fact): ValueView {
  const c = companion
    ? `${companion.direction === 'down' ? 'down' : 'up'} ${statedValue(companion)}${/previous year|last year|year[- ]on[- ]year/i.test(companion.sentence) ? ' on the previous year' : ''}`
    : null;
  return { fact: f, headline: headline(f), described: described(f), companion: c, ref };
}

/** The answer's first line: "RMB 15.95 billion: R&D investment of the whole society, Jilin, 2021 [1]", the value strong. */
export function valueLine(v: ValueView): RichLine {
  const f = v.fact;
  let rest = `: ${v.described}`;
  if (v.companion) rest += ` (${v.companion})`;
  if (f.status === 'target') rest += `. This is a target${f.year !== null ? ` for ${f.year}` : ''}, not an achieved figure`;
  return line(strong(v.headline), text(`${rest}. `), ref(v.ref));
}

/** A list item for another value of the same metric: "measure, Jilin, 2018: 524 [2]". */
export function otherLine(v: ValueView, withMeasure = true): RichLine {
  const f = v.fact;
  return bullet(text(`${withMeasure ? `${f.measure}, ` : ''}${where(f)}: `), strong(v.headline), text(`${f.status === 'target' ? ' (target)' : ''} `), ref(v.ref));
}
