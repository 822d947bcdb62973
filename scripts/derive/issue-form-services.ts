/**
 * The "Report an outage" issue form offers the public services of opsbook.yaml as
 * "<name> (<id>)" (issue-to-ticket reads the id back from the parentheses). These functions
 * compute the options, find them in the form's YAML, and rewrite them in place: the rest of the
 * form (comments, wording, other fields) stays as the team wrote it.
 */
import { JSON_SCHEMA, load } from 'js-yaml';
import type { RuleFinding } from '../load/rule-finding.ts';
import { locateInYaml } from '../load/yaml.ts';
import type { OpsbookConfig } from '../model/types.ts';
import { scalarText } from './frontmatter-edit.ts';
import { lineEnding } from './review-edit.ts';
import { publicServiceIds } from './status-page-outlook.ts';

export const ISSUE_FORM_FILE = '.github/ISSUE_TEMPLATE/report-outage.yml';

/** The options the form should offer: each public service as "<name> (<id>)", in catalogue order. */
export function serviceOptions(config: Pick<OpsbookConfig, 'services'>): string[] {
  const shown = publicServiceIds(config);
  return Object.entries(config.services)
    .filter(([id]) => shown.has(id))
    .map(([id, s]) => `${s.name} (${id})`);
}

export interface FormOptions {
  /** Index of the dropdown in `body`. */
  index: number;
  options: string[];
}

/** The service dropdown's options in the form's YAML text, or null when it has none. */
export function formServiceOptions(text: string): FormOptions | null {
  let form: unknown;
  try {
    form = load(text, { schema: JSON_SCHEMA });
  } catch {
    return null;
  }
  const body = (form as { body?: unknown } | null)?.body;
  if (!Array.isArray(body)) return null;
  const index = body.findIndex(
    (f) =>
      f &&
      typeof f === 'object' &&
      (f as { id?: unknown }).id === 'service' &&
      (f as { type?: unknown }).type === 'dropdown',
  );
  const options = (body[index] as { attributes?: { options?: unknown } } | undefined)?.attributes?.options;
  if (index < 0 || !Array.isArray(options)) return null;
  return { index, options: options.map(String) };
}

/**
 * The form's text with the service options replaced by `options` (one `- ` line each, at the
 * indentation of the old ones); null when the form has no block list of service options.
 */
export function rewriteServiceOptions(text: string, options: readonly string[]): string | null {
  const found = formServiceOptions(text);
  if (!found || found.options.length === 0) return null;
  const path = ['body', found.index, 'attributes', 'options'];
  const first = locateInYaml(text, [...path, 0]);
  const last = locateInYaml(text, [...path, found.options.length - 1]);
  if (!first?.exact || !last?.exact) return null;
  const lineStart = (offset: number) => Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
  const start = lineStart(first.valueOffset);
  const dash = text.slice(start, first.valueOffset);
  if (!/^ *- +$/.test(dash)) return null;
  const nextLine = text.indexOf('\n', last.valueOffset);
  const end = nextLine === -1 ? text.length : nextLine + 1;
  const eol = lineEnding(text);
  const lines = options.map((o) => `${dash}${scalarText(o)}${eol}`).join('');
  return text.slice(0, start) + lines + text.slice(end);
}

/** `github/issue-form-services`: the form offers other services than opsbook.yaml's public ones. */
export function checkIssueForm(text: string, config: Pick<OpsbookConfig, 'services'>): RuleFinding[] {
  const found = formServiceOptions(text);
  if (!found) return [];
  const expected = serviceOptions(config);
  if (found.options.length === expected.length && found.options.every((o, i) => o === expected[i])) return [];
  return [
    {
      file: ISSUE_FORM_FILE,
      code: 'github/issue-form-services',
      severity: 'warning',
      path: ['body', found.index, 'attributes', 'options'],
      at: 'value',
      message: `the outage form offers ${found.options.length} service(s) that differ from the public services in opsbook.yaml (${expected.join(', ') || 'none'}); run \`opsbook github issue-form\` to write them`,
    },
  ];
}
