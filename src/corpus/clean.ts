/**
 * Cleaning of scraped article text: web boilerplate lines, captions, credits, and sentences that the
 * scraper or a machine translation glued together. Pure functions over strings.
 */

/** Lines that are web page furniture, never article text. */
const BOILERPLATE_LINE: readonly RegExp[] = [
  /^\s*【?\s*fonts?\s*[:：]/i, // 【Fonts: A+ A A- Print
  /^\s*(?:[A-Z]\s*[+-]?\s+){2,}[A-Z]\s*[+-]?\s*$/, // L M S / A+ A A-
  /\bA\s*\+\s+A\s+A\s*-/, // font-size widget inside a line
  /^\s*(?:print|close|share|print\s*\|\s*close|\[?\s*print\s*\]?\s*\[?\s*close\s*\]?)\s*$/i,
  /^\s*(?:home|首页)\s*(?:>|»|›|\/)/i, // breadcrumbs Home>Investment>Biz Updates
  /^[^.!?]{0,80}(?:>|»|›)[^.!?]{0,80}(?:>|»|›)[^.!?]{0,80}$/, // any short breadcrumb trail
  /all rights reserved/i,
  /^\s*(?:copyright|©|\(c\)\s)/i,
  /privacy (?:statement|policy)/i,
  /\b(?:record|icp)\s*no\b/i,
  /total visits/i,
  /^\s*(?:editor|editors|reviewer|review|proofread(?:er|ing)?|responsible editor|translated by|translator|reporter|author|(?:chief )?editor in charge)\s*[:：]/i,
  /^\s*(?:home\s*)?contact us\b/i,
  /^\s*(?:related (?:news|articles|stories)|recommended|share (?:this|to)|scan the qr code|follow us)\b/i,
  /^\s*(?:previous|next)\s*(?:article|page)?\s*[:：]/i,
  /^\s*\[?\s*photo(?:s)?\s*(?:by|\/|:)/i, // credit lines
  /\[\s*photo(?:s)?(?:\s*\/|\s+provided\s+to|\s+by|\s*:)[^\]]*\]\s*$/i, // caption line ending with [Photo/...]
  /^\s*\(\s*photo(?:s)?\s*(?:\/|by|:)[^)]*\)\s*$/i,
];

/** True when the whole line is boilerplate. */
export function isBoilerplateLine(line: string): boolean {
  const t = line.trim();
  if (t === '') return false;
  return BOILERPLATE_LINE.some((re) => re.test(t));
}

/** Trailing credits glued to the end of a paragraph ("... Xu feng said.Editor: Zhang Qiqi review: Yue Liang"). */
const TRAILING_CREDITS = /(?<=[.!?。”"'’)\s])\s*(?:editor|editors|responsible editor|reviewer|proofreader|translator|reporter|source)\s*[:：][^.!?。]{0,120}$/i;

export function stripTrailingCredits(paragraph: string): string {
  // A credit has a colon (checked first: most paragraphs have none).
  if (!paragraph.includes(':') && !paragraph.includes('：')) return paragraph.trimEnd();
  return paragraph.replace(TRAILING_CREDITS, '').trimEnd();
}

/**
 * Repair sentences glued together ("were set up.The annual turnover", "productivity,lighting",
 * "2000;The total", "opportunity?Jiangyin"), normalize spaces and typographic oddities.
 */
export function repairText(text: string): string {
  return (
    text
      .replace(/\u00a0|\u3000/g, ' ')
      .replace(/[ \t]+/g, ' ')
      // sentence end glued to the next sentence: lowercase/closing char + . ! ? ; + (quote) + capital
      .replace(/([a-z0-9%)\]”"’])([.!?;])(["”’]?)(?=[“"‘]?[A-Z])/g, '$1$2$3 ')
      // closing quote glued to the next word: ...yuan.”We will
      .replace(/([.!?])([”’"])(?=[A-Za-z])/g, '$1$2 ')
      // comma glued between words: productivity,lighting
      .replace(/([A-Za-z)])([,，])(?=[A-Za-z(“"])/g, '$1, ')
      .replace(/(\d)([,，])(?=[A-Za-z])/g, '$1, ')
      // Chinese full-width punctuation inside English text
      .replace(/，\s*/g, ', ')
      .replace(/；\s*/g, '; ')
      .replace(/：\s*/g, ': ')
      .replace(/ +([,.;:!?])/g, '$1')
      .trim()
  );
}
