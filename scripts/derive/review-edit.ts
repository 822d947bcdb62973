/**
 * Adding a post-incident review to a ticket file as a text edit: the section is appended to the
 * body and, when the ticket has no `review` field yet, a `review:` block is inserted just before
 * the closing `---`. Every other byte of the file (frontmatter, comments, unknown fields, the
 * body, a byte order mark, the line ends) stays as it was.
 */

/** Headings that open a post-incident review (level 1 or 2, any case). */
const REVIEW_HEADING = /^ {0,3}#{1,2}[ \t]+(summary|post-incident review)[ \t]*#*[ \t]*$/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The 1-based line (within the body) of the heading that starts a post-incident review
 * (`## Summary` or `## Post-incident review`, outside code blocks), or null when there is none.
 */
export function findReviewHeading(body: string): number | null {
  const lines = body.split(/\r\n|\r|\n/);
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      const mark = fenceMatch?.[1];
      if (mark && mark[0] === fence[0] && mark.length >= fence.length) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1] as string;
      continue;
    }
    if (REVIEW_HEADING.test(line)) return i + 1;
  }
  return null;
}

/** The line end a file uses (its first one), LF when it has none. */
export function lineEnding(text: string): '\n' | '\r\n' | '\r' {
  const m = /\r\n|\r|\n/.exec(text);
  return (m?.[0] as '\n' | '\r\n' | '\r' | undefined) ?? '\n';
}

export interface ReviewEdit {
  /** The new file text. */
  text: string;
  /** 1-based file line of the section's first heading. */
  sectionLine: number;
  /** Whether the `review:` block was inserted into the frontmatter. */
  frontmatterEdited: boolean;
}

/** Lines with their ends: `["---\n", "id: X\n", ..., "last"]` (the last may have no end). */
function splitKeepingEnds(text: string): string[] {
  const lines = text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g);
  return lines ?? [];
}

const DELIMITER = /^(\uFEFF)?---[ \t]*(\r\n|\r|\n)?$/;

/**
 * Appends `sectionLines` to the body and, when `reviewBlock` is given, inserts it (lines without
 * ends) before the closing `---` of the frontmatter. Line ends follow the file's own. Returns
 * null when the text has no frontmatter block.
 */
export function addReviewToText(
  text: string,
  sectionLines: readonly string[],
  reviewBlock: readonly string[] | null,
): ReviewEdit | null {
  const eol = lineEnding(text);
  const lines = splitKeepingEnds(text);
  if (lines.length === 0 || !DELIMITER.test(lines[0] as string)) return null;
  let closing = -1;
  for (let i = 1; i < lines.length; i++) {
    if (/^---[ \t]*(\r\n|\r|\n)?$/.test(lines[i] as string)) {
      closing = i;
      break;
    }
  }
  if (closing === -1) return null;

  const block = reviewBlock ?? [];
  const out = [...lines];
  out.splice(closing, 0, ...block.map((l) => `${l}${eol}`));
  const bodyText = out.slice(closing + 1 + block.length).join('');
  let result = out.join('');
  // The section starts on a line of its own, after a blank line unless the body is empty.
  if (!/[\r\n]$/.test(result)) result += eol;
  const withoutLastEnd = result.replace(/(?:\r\n|\r|\n)$/, '');
  if (bodyText.trim() !== '' && !/(?:\r\n|\r|\n)[ \t]*$/.test(withoutLastEnd)) result += eol;
  const sectionLine = (result.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
  result += sectionLines.map((l) => `${l}${eol}`).join('');
  return { text: result, sectionLine, frontmatterEdited: block.length > 0 };
}

/** Whether the Markdown ends inside a fenced code block that is never closed. */
export function endsInsideFence(body: string): boolean {
  let fence: string | null = null;
  for (const line of body.split(/\r\n|\r|\n/)) {
    const mark = FENCE.exec(line)?.[1];
    if (!mark) continue;
    if (fence === null) fence = mark;
    else if (mark[0] === fence[0] && mark.length >= fence.length) fence = null;
  }
  return fence !== null;
}
