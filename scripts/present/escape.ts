/**
 * Escaping of untrusted text (ticket text, alert payloads, imported data), one function per
 * language it is written into. Each takes plain text and returns text that reads the same there
 * and can never become markup, a link or a control sequence in it.
 *
 * Escaping for channels with their own rules lives with the channel: chat and e-mail in
 * present/notify/escape.ts, GitHub job logs in present/workflow-commands.ts, GitHub comments in
 * present/github-text.ts.
 */

// ---------------------------------------------------------------------------------------------
// XML: SVG charts and badges, the Atom feed, the sitemap

/** Text for XML content and attribute values: markup characters as entities, no control characters. */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, ' ')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
}

// ---------------------------------------------------------------------------------------------
// HTML: the site's pages and the feed's HTML content. Unlike escapeXml, control characters become
// U+FFFD (a visible mark in a page) rather than spaces.

// biome-ignore lint/suspicious/noControlCharactersInRegex: HTML forbids these characters
const HTML_SPECIAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f&<>"']/;

/** Text content: the five markup characters as entities, no characters HTML forbids. */
export function escapeHtml(text: string): string {
  // Most texts have nothing to escape: one test instead of six replacements (a site of 100,000
  // tickets escapes millions of them).
  if (!HTML_SPECIAL.test(text)) return text;
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: HTML forbids these characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
}

/**
 * A value for a quoted attribute (either quote): as `escapeHtml`, and line breaks and tabs as
 * character references so the value keeps them instead of being normalised to spaces.
 */
export function escapeHtmlAttribute(text: string): string {
  if (!HTML_SPECIAL.test(text) && !/[\r\n\t]/.test(text)) return text;
  return escapeHtml(text).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

// ---------------------------------------------------------------------------------------------
// Markdown inline text: the review section `opsbook review` writes

// C0 and C1 control characters (terminal escape sequences among them) and line separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const LINE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * A JSON document whose strings hold no `<`, `>` or `&` as such (each as its `\u` escape): it
 * parses to the same value, and a client or a server that takes it for HTML finds no markup in
 * it. For the JSON the public site publishes (the Statuspage-compatible API).
 */
export function htmlSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/** The text on one line, with every control character (and line break) turned into a space. */
export function withoutControls(text: string): string {
  return text.replace(LINE_CONTROLS, ' ');
}

/**
 * Inline Markdown for untrusted text: one line, and every character that could start markup
 * (HTML, links, images, emphasis, code, table cells, an entity) is backslash-escaped, so the
 * text renders exactly as written.
 */
export function escapeMarkdownInline(text: string): string {
  let out = withoutControls(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  // Block markers at the start (a heading, a quote, a list, a thematic break).
  out = out.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Terminal cells: tables that `opsbook sla`, `rota` and `import` print

// Control characters (C0, DEL, C1: escape sequences could recolour or rewrite the terminal),
// line and paragraph separators, and bidirectional overrides that would reorder the row.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/**
 * What terminalCell changes: an unsafe character, white space other than a single space
 * between words. Most titles have none and are taken as they are (a table of 100,000 rows).
 */
const NOT_ONE_CLEAN_LINE = new RegExp(`${TERMINAL_UNSAFE.source}|[^\\S ]| {2}|^ | $`);

let segmenter: Intl.Segmenter | undefined;

/**
 * `text` on one line (controls become spaces, runs of white space one space), at most `max`
 * characters: a longer text is cut at a character boundary (never inside an emoji or an accent
 * sequence), at the last space when that keeps at least half the width, and ends with `…`.
 */
export function terminalCell(text: string, max: number): string {
  const line = NOT_ONE_CLEAN_LINE.test(text)
    ? text.replace(TERMINAL_UNSAFE, ' ').replace(/\s+/g, ' ').trim()
    : text;
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

// ---------------------------------------------------------------------------------------------
// iCalendar (RFC 5545): the maintenance feed and the rota feed

/** A TEXT value (RFC 5545 3.3.11); control characters other than line breaks are dropped. */
export function escapeIcalendarText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/\p{Cc}/gu, '');
}

/** Folds a content line at 75 octets: the continuation lines start with a space (3.1). */
export function foldIcalendarLine(line: string): string {
  // Most lines fit: no UTF-16 unit takes more than 3 octets, and ASCII takes one.
  if (line.length <= 25 || (line.length <= 75 && !NON_ASCII.test(line))) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Octets(char.codePointAt(0) as number);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: every ASCII character, control characters included
const NON_ASCII = /[^\u0000-\u007f]/;

/** The octets of a code point in UTF-8; a lone surrogate is written as U+FFFD, three octets. */
function utf8Octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}
