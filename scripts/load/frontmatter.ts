/**
 * Splitting a Markdown file into its YAML frontmatter and body, with gray-matter.
 */
import { createRequire } from 'node:module';
import type matterType from 'gray-matter';

// Loaded on first use: most files never need it (see frontmatterText), and loading it (with
// its own YAML library) is part of every command's and every worker thread's start.
let matter: typeof matterType | undefined;
function grayMatter(): typeof matterType {
  matter ??= createRequire(import.meta.url)('gray-matter') as typeof matterType;
  return matter;
}

export type FrontmatterSplit =
  | {
      ok: true;
      /** The YAML text, starting with the newline after the opening `---`, so its line N is file line N. */
      yaml: string;
      body: string;
      /** 1-based file line on which the body starts. */
      bodyLine: number;
    }
  | { ok: false; code: string; message: string; line: number };

// gray-matter caches every file's whole text unless it gets an options object, and would pick
// an engine (even an `eval`-based JavaScript one) from a language name after the opening
// delimiter. We only let it split: the YAML engine here parses nothing, and files whose first
// line is not exactly `---` are refused before gray-matter sees them.
const splitOnly: matterType.GrayMatterOption<string, object> = {
  language: 'yaml',
  engines: { yaml: { parse: () => ({}), stringify: () => '' } },
};

const OPENING = /^---[ \t]*\n/;
const CLOSING = /\n---[ \t]*(\n|$)/;

export function splitFrontmatter(text: string): FrontmatterSplit {
  if (!OPENING.test(text)) {
    return {
      ok: false,
      code: 'frontmatter/missing',
      message: 'the file does not start with a `---` line opening the YAML frontmatter',
      line: 1,
    };
  }
  const closing = CLOSING.exec(text);
  if (!closing) {
    return {
      ok: false,
      code: 'frontmatter/unterminated',
      message: 'the frontmatter opened on line 1 is never closed by a `---` line',
      line: 1,
    };
  }
  const headEnd = closing.index + closing[0].length;
  const yaml = frontmatterText(text, closing.index, headEnd);
  let bodyLine = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < headEnd; i = text.indexOf('\n', i + 1)) bodyLine++;
  if (!closing[0].endsWith('\n')) bodyLine++;
  return { ok: true, yaml, body: text.slice(headEnd), bodyLine };
}

/**
 * The frontmatter between the delimiters, as gray-matter reads it. When the opening line is
 * exactly `---` and no line inside starts with `---`, gray-matter's answer is the text from the
 * opening line's newline to the closing line (the tests hold both to that). Taking it here
 * saves about a tenth of a ticket's parse: gray-matter copies every input into a Buffer and
 * sets up its options per call. Every other file goes through gray-matter.
 */
function frontmatterText(text: string, closing: number, headEnd: number): string {
  if (text.startsWith('---\n') && text.indexOf('\n---', 3) === closing) return text.slice(3, closing);
  // gray-matter gets only the frontmatter block: it looks every input up in its cache, and that
  // costs as much as the input is long.
  return grayMatter()(text.slice(0, headEnd), splitOnly).matter;
}
