/**
 * Ticket text in a terminal cell: one line, nothing the terminal would act on, cut to a width.
 */

// Control characters (C0, DEL, C1: escape sequences could recolour or rewrite the terminal),
// line and paragraph separators, and bidirectional overrides that would reorder the row.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

let segmenter: Intl.Segmenter | undefined;

/**
 * `text` on one line (controls become spaces, runs of white space one space), at most `max`
 * characters: a longer text is cut at a character boundary (never inside an emoji or an accent
 * sequence), at the last space when that keeps at least half the width, and ends with `…`.
 */
export function terminalCell(text: string, max: number): string {
  const line = text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  // A space ends a character: cutting there never splits one, and needs no grapheme data (the
  // segmenter loads ICU's break tables, some 25 MB, for the rare title without a usable space).
  const space = line.lastIndexOf(' ', max - 1);
  if (space >= max / 2) return `${line.slice(0, space)}…`;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let out = '';
  for (const { segment } of segmenter.segment(line)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}
