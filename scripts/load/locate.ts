/**
 * Turns rule findings that point at document paths into findings with line and column.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../model/finding.ts';
import { splitFrontmatter } from './frontmatter.ts';
import type { RuleFinding } from './rule-finding.ts';
import { decodeSource, lineColAt } from './source-text.ts';
import { locateInYaml } from './yaml.ts';

/** The YAML text of a file: its frontmatter for Markdown, the whole text otherwise. */
function yamlTextOf(file: string, text: string): string | null {
  if (!file.endsWith('.md')) return text;
  const split = splitFrontmatter(text);
  return split.ok ? split.yaml : null;
}

export function positionInYaml(
  yaml: string | null,
  finding: { path: readonly (string | number)[]; at: 'key' | 'value' },
): { line: number; col: number } {
  // The whole document (e.g. a missing top-level field) is reported at the opening line.
  if (yaml === null || finding.path.length === 0) return { line: 1, col: 1 };
  const location = locateInYaml(yaml, finding.path);
  if (!location) return { line: 1, col: 1 };
  if (!location.exact) {
    // The path does not exist: point at the deepest ancestor that does.
    return lineColAt(yaml, location.keyOffset ?? location.valueOffset);
  }
  const offset =
    finding.at === 'key' && location.keyOffset !== null ? location.keyOffset : location.valueOffset;
  return lineColAt(yaml, offset);
}

/**
 * Resolves positions. `texts` may hold already-read YAML texts by file (the loader passes the
 * ones it has); other files are read again from disk.
 */
export function locateFindings(
  root: string,
  findings: readonly RuleFinding[],
  texts: ReadonlyMap<string, string | null> = new Map(),
): Finding[] {
  const cache = new Map<string, string | null>(texts);
  const yamlFor = (file: string): string | null => {
    if (cache.has(file)) return cache.get(file) ?? null;
    let yaml: string | null = null;
    try {
      const decoded = decodeSource(readFileSync(join(root, file)));
      yaml = decoded.usable ? yamlTextOf(file, decoded.text) : null;
    } catch {
      yaml = null;
    }
    cache.set(file, yaml);
    return yaml;
  };
  return findings.map((f) => {
    if ('line' in f) {
      const located: Finding = {
        code: f.code,
        severity: f.severity,
        file: f.file,
        line: f.line,
        col: f.col,
        message: f.message,
      };
      if (f.excerpt) located.excerpt = f.excerpt;
      return located;
    }
    const { line, col } = positionInYaml(yamlFor(f.file), f);
    return { code: f.code, severity: f.severity, file: f.file, line, col, message: f.message };
  });
}
