/**
 * Breaks a title into lines no wider than `maxWidth`: at the author's line
 * breaks, then greedily at spaces, and inside a word only when the word alone
 * is too wide (a long URL). `measure` is the canvas's text width, so the
 * browser's fonts and shaping decide what fits.
 */
export function wrapLines(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const joined = line === '' ? word : `${line} ${word}`;
      if (measure(joined) <= maxWidth) {
        line = joined;
        continue;
      }
      if (line !== '') lines.push(line);
      line = word;
      // A word wider than the line on its own is cut where it fills a line.
      while (measure(line) > maxWidth && line.length > 1) {
        const fits = longestFittingPrefix(line, maxWidth, measure);
        lines.push(line.slice(0, fits));
        line = line.slice(fits);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** How many leading code units of `s` fit in `maxWidth` (at least one, so wrapping always advances; a surrogate pair is not split). */
function longestFittingPrefix(s: string, maxWidth: number, measure: (s: string) => number): number {
  let low = 1;
  let high = s.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(s.slice(0, mid)) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  const code = s.charCodeAt(low - 1);
  return code >= 0xd800 && code <= 0xdbff && low < s.length - 1 ? low + 1 : low;
}
