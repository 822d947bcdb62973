/**
 * Finds raw HTML in Markdown. Ticket text is untrusted and is rendered without raw HTML, so
 * validation refuses it early, with the line where it stands. Code (fenced, indented, inline)
 * may show HTML as text and is skipped.
 */
import type { RuleFinding } from '../load/rule-finding.ts';

export interface HtmlHit {
  /** 0-based line within the Markdown text. */
  line: number;
  /** 1-based column. */
  col: number;
  snippet: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
// An open tag (with an attribute, `>`, `/>` or the line's end after its name), a closing tag,
// a comment, a processing instruction, a declaration or CDATA: CommonMark's kinds of raw HTML.
const RAW_HTML =
  /<(?:[A-Za-z][A-Za-z0-9-]*(?:\s*\/?>|\s+[A-Za-z_:][\w.:-]*\s*(?:=|\/?>|\s|$)|\s*$)|\/[A-Za-z][A-Za-z0-9-]*\s*>|!--|\?|![A-Za-z]|!\[CDATA\[)/g;

export function findRawHtml(markdown: string): HtmlHit[] {
  const hits: HtmlHit[] = [];
  if (!markdown.includes('<')) return hits;
  const lines = markdown.split('\n');
  let fence: string | null = null;
  let previousBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      if (
        fenceMatch &&
        (fenceMatch[1] as string)[0] === fence[0] &&
        (fenceMatch[1] as string).length >= fence.length
      ) {
        fence = null;
      }
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1] as string;
      continue;
    }
    const blank = line.trim() === '';
    const indentedCode: boolean = previousBlank && /^( {4}|\t)/.test(line);
    previousBlank = blank || indentedCode;
    if (blank || indentedCode) continue;
    const text = maskCodeSpans(line);
    RAW_HTML.lastIndex = 0;
    for (let m = RAW_HTML.exec(text); m !== null; m = RAW_HTML.exec(text)) {
      if (m.index > 0 && text[m.index - 1] === '\\') continue;
      hits.push({ line: i, col: m.index + 1, snippet: line.slice(m.index, m.index + 40) });
      break;
    }
  }
  return hits;
}

/** Replaces the contents of inline code spans with spaces, keeping columns. */
function maskCodeSpans(line: string): string {
  if (!line.includes('`')) return line;
  return line.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (span) => ' '.repeat(span.length));
}

/**
 * A `body/raw-html` error at each raw HTML in a ticket's or runbook's body (`bodyLine`: the
 * file's 1-based line where the body starts); `advice` says what to write instead.
 */
export function rawHtmlFindings(
  document: { file: string; body: string; bodyLine: number },
  what: 'ticket' | 'runbook',
  advice: string,
): RuleFinding[] {
  return findRawHtml(document.body).map((hit) => ({
    file: document.file,
    code: 'body/raw-html',
    severity: 'error',
    line: document.bodyLine + hit.line,
    col: hit.col,
    message: `raw HTML is not allowed in ${what} text (found "${hit.snippet.trim()}"); ${advice}`,
  }));
}
