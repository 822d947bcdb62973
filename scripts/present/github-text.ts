/**
 * Text that Opsbook writes to GitHub (comments, issue and pull-request titles and bodies): the
 * hidden markers that identify its own comments and issues, and the guards for untrusted text.
 *
 * Ticket titles, finding messages and issue-form answers come from people outside the team.
 * Besides the Markdown/HTML escaping of report-markdown-parts.ts (`md`) and sla.ts (`markdownCell`),
 * GitHub turns `@name` into a mention that notifies a user or a whole team, so every `@` that
 * Opsbook did not put there itself gets a zero-width joiner after it: it still reads `@name`,
 * but GitHub neither links nor notifies.
 */

/** The hidden first line of the pull-request summary comment. */
export const PR_SUMMARY_MARKER = '<!-- opsbook:pr-summary -->';
/** The hidden first line of the answer on an outage-report issue. */
export const ISSUE_ANSWER_MARKER = '<!-- opsbook:issue-to-ticket -->';

/** GitHub's limit on the body of an issue, pull request or comment, in characters. */
const MAX_BODY_CHARS = 65_536;
/** GitHub's limit on issue and pull-request titles. */
export const MAX_TITLE_CHARS = 256;

const ZWJ = '\u200D';

/** `@name` → `@\u200Dname`: no mention, no notification. Idempotent. */
export function breakMentions(text: string): string {
  return text.replace(/@(?!\u200D)/g, `@${ZWJ}`);
}

/** One line of plain text for a title: no control characters, no mentions, at most `max` characters. */
export function titleText(text: string, max = MAX_TITLE_CHARS): string {
  const line = breakMentions(
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: titles are one line
      .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/**
 * A body cut to GitHub's limit at a line boundary, with a note saying where the rest is.
 * Bodies within the limit are returned unchanged.
 */
export function limitBody(body: string, note: string, max = MAX_BODY_CHARS): string {
  if (body.length <= max) return body;
  const tail = `\n\n… ${note}\n`;
  const room = max - tail.length;
  const cut = body.lastIndexOf('\n', room);
  return `${body.slice(0, cut > 0 ? cut : room)}${tail}`;
}

/**
 * A fenced code block that shows `text` exactly and cannot be closed from inside: the fence is
 * one backtick longer than the longest backtick run in the text (at least three).
 */
export function fencedText(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n${fence}`;
}
