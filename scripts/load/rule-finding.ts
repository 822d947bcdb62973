/**
 * A finding before its position is known. Rules point at a field of a document by its path;
 * the locator turns that into line and column by re-reading only the files that have findings,
 * so a clean repository never pays for source positions.
 */
import type { Severity } from '../model/finding.ts';
import type { DocPath } from './yaml.ts';

interface RuleFindingBase {
  code: string;
  severity: Severity;
  /** Repository-relative path. */
  file: string;
  message: string;
  /** Source lines with a marker, shown under the finding by the text reporter. */
  excerpt?: string[];
}

export type RuleFinding =
  | (RuleFindingBase & { line: number; col: number })
  /** A field of the document's YAML (frontmatter for `.md`, the whole file otherwise). */
  | (RuleFindingBase & { path: DocPath; at: 'key' | 'value' });
