/**
 * Text from outside the team (alert payloads): it may hold control characters that corrupt a
 * terminal or a YAML file, bidirectional controls that make a reviewed file read differently
 * from what it says ("Trojan Source"), or megabytes that bloat the repository. Such text is
 * cleaned before it reaches a ticket.
 */

// C0 and C1 controls other than tab and line feed, DEL, bidi embeddings/overrides/isolates and
// marks, line/paragraph separators (YAML and JavaScript treat them as line ends), the BOM and
// the interlinear annotation characters.
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF\uFFF9-\uFFFB]/g;

/** `text` without unsafe characters, CR LF as LF, at most `max` characters (… marks a cut). */
export function cleanText(text: string, max: number): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(UNSAFE, '').trim();
  return cap(clean, max);
}

/** {@link cleanText} on one line: every run of whitespace (line ends too) becomes one space. */
export function cleanLine(text: string, max: number): string {
  return cap(text.replace(UNSAFE, '').replace(/\s+/g, ' ').trim(), max);
}

function cap(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('')}…`;
}
