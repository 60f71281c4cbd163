/** Regular-expression helpers for hot paths. */

/**
 * Call `fn` with each match of the global pattern `re` in `text`, in order: the matches
 * `text.matchAll(re)` gives for a pattern whose lastIndex is 0, without the iterator and the copy of
 * the pattern matchAll makes. Uses `re.lastIndex` (left at 0), so `fn` must not use `re` itself.
 */
export function eachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // An empty match moves on by one character, as matchAll does.
    if (m[0] === '') re.lastIndex++;
    fn(m);
  }
  re.lastIndex = 0;
}
