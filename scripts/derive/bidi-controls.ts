/**
 * Bidirectional control characters in text that the public site shows. Embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069) reorder the characters after them, so a title
 * could read differently on the status page than in the reviewed file ("Trojan Source"). The
 * marks LRM, RLM and ALM (U+200E, U+200F, U+061C) only give neutral characters next to them a
 * direction, cannot reorder a run of text, and are needed to write mixed right-to-left and
 * left-to-right text correctly: they are allowed. Internal notes may hold anything.
 */
import type { RuleFinding } from '../load/rule-finding.ts';
import type { DocPath } from '../load/yaml.ts';

const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

const NAMES: Readonly<Record<string, string>> = {
  '\u202A': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202C': 'POP DIRECTIONAL FORMATTING',
  '\u202D': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
};

const BIDI_CODE = 'text/bidi-control';

/** The first bidirectional control in `text`: its index and a description, or null. */
function findBidiControl(text: string): { index: number; what: string } | null {
  const m = BIDI_CONTROL.exec(text);
  if (!m) return null;
  const char = m[0];
  const hex = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return { index: m.index, what: `U+${hex} ${NAMES[char] ?? 'bidirectional control'}` };
}

function message(what: string, where: string): string {
  return `${where} contains ${what}, which can make the public site show the text in another order than the file; remove it`;
}

/** A finding for each public field (a text at a document path) with a bidirectional control. */
export function bidiFieldFindings(
  file: string,
  fields: Iterable<{ path: DocPath; text: unknown }>,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const { path, text } of fields) {
    if (typeof text !== 'string') continue;
    const hit = findBidiControl(text);
    if (!hit) continue;
    const name = path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
      .join('')
      .slice(1);
    findings.push({
      file,
      code: BIDI_CODE,
      severity: 'error',
      path,
      at: 'value',
      message: message(hit.what, `"${name}"`),
    });
  }
  return findings;
}

/**
 * A finding at each line of public Markdown (`lines` of the body from `fromLine`, 1-based within
 * the body) that holds a bidirectional control; `bodyLine` is the file line where the body starts.
 */
export function bidiBodyFindings(
  document: { file: string; body: string; bodyLine: number },
  fromLine: number,
  what: string,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  if (!BIDI_CONTROL.test(document.body)) return findings;
  const lines = document.body.split(/\r\n|\r|\n/);
  for (let i = fromLine - 1; i < lines.length; i++) {
    const hit = findBidiControl(lines[i] as string);
    if (!hit) continue;
    findings.push({
      file: document.file,
      code: BIDI_CODE,
      severity: 'error',
      line: document.bodyLine + i,
      col: hit.index + 1,
      message: message(hit.what, what),
    });
  }
  return findings;
}
