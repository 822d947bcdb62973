/**
 * Adding services, teams and customers to opsbook.yaml as a text edit: each entry becomes one
 * line appended at the end of its top-level section (after its last entry, before the comments
 * and blank lines that lead into the next section), so every comment and the order stay as they
 * are. A missing section is appended at the end of the file.
 */
import { ExitError } from '../lib/errors.ts';
import type { CatalogueEntry } from './model.ts';

// Characters JSON leaves as they are but YAML does not allow (or reads as line breaks).
const YAML_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff]/g;

/** A double-quoted YAML scalar for any text (imported names are untrusted). */
function yamlString(text: string): string {
  return JSON.stringify(text).replace(
    YAML_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** One flow-mapping line: `  id: { name: "…", group: imported }`. */
export function entryLine(
  indent: string,
  entry: CatalogueEntry,
  extra: Record<string, string | boolean>,
): string {
  const parts = [`name: ${yamlString(entry.name)}`];
  for (const [key, value] of Object.entries(extra)) {
    parts.push(`${key}: ${typeof value === 'boolean' ? String(value) : yamlString(value)}`);
  }
  return `${indent}${entry.id}: { ${parts.join(', ')} }`;
}

/** The text with `lines` (already indented by two spaces) appended to the section `key`. */
export function appendToSection(text: string, key: string, lines: readonly string[]): string {
  if (lines.length === 0) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const all = text.split(/\r?\n/);
  const start = all.findIndex((l) => l === `${key}:` || l.startsWith(`${key}:`));
  if (start === -1) {
    const body = text.length === 0 || text.endsWith('\n') ? text : `${text}${eol}`;
    return `${body}${eol}${key}:${eol}${lines.join(eol)}${eol}`;
  }
  const rest = (all[start] ?? '')
    .slice(key.length + 1)
    .replace(/#.*$/, '')
    .trim();
  if (rest !== '' && rest !== '{}') {
    throw new ExitError(
      `opsbook.yaml: cannot add to "${key}" written on one line; write it as a block (one entry a line)`,
    );
  }
  let end = start + 1;
  let lastEntry = start;
  let indent = '  ';
  let foundIndent = false;
  while (end < all.length) {
    const line = all[end] ?? '';
    if (/^\S/.test(line) && !line.startsWith('#')) break;
    if (/^\s+\S/.test(line) && !/^\s+#/.test(line)) {
      lastEntry = end;
      if (!foundIndent) {
        indent = /^\s+/.exec(line)?.[0] ?? indent;
        foundIndent = true;
      }
    }
    end++;
  }
  const added = lines.map((l) => indent + l.replace(/^ {2}/, ''));
  if (rest === '{}') all[start] = `${key}:`;
  all.splice(lastEntry + 1, 0, ...added);
  return all.join(eol);
}
