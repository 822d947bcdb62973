/**
 * Findings as GitHub Actions workflow commands (annotations on the changed lines), escaped as
 * the Actions toolkit escapes them, and capped at GitHub's per-step limits (10 error and 10
 * warning annotations are shown per step). The full list goes to the job summary.
 */
import { countBySeverity, type Finding } from '../model/finding.ts';
import { escapeData, escapeProperty } from './workflow-commands.ts';

/** Annotations GitHub shows per step and severity; more are dropped silently by GitHub. */
export const MAX_ANNOTATIONS_PER_SEVERITY = 10;
/** Rows written to the job summary (its limit is 1 MiB per step). */
const MAX_SUMMARY_ROWS = 2000;

export interface GithubOutput {
  /** Lines for stdout: the workflow commands. */
  commands: string;
  /** Markdown for $GITHUB_STEP_SUMMARY. */
  summary: string;
}

export function formatFindingsGithub(findings: readonly Finding[], checkedFiles: number): GithubOutput {
  const lines: string[] = [];
  const shown = { error: 0, warning: 0 };
  for (const f of findings) {
    if (shown[f.severity] >= MAX_ANNOTATIONS_PER_SEVERITY) continue;
    shown[f.severity]++;
    const props = [
      `file=${escapeProperty(f.file)}`,
      `line=${f.line}`,
      `col=${f.col}`,
      `title=${escapeProperty(f.code)}`,
    ];
    lines.push(`::${f.severity} ${props.join(',')}::${escapeData(f.message)}`);
  }
  const { errors, warnings } = countBySeverity(findings);
  const hidden = findings.length - shown.error - shown.warning;
  if (hidden > 0) {
    lines.push(
      `::notice title=${escapeProperty('opsbook validate')}::${escapeData(`${hidden} more findings are not annotated (GitHub shows ${MAX_ANNOTATIONS_PER_SEVERITY} per severity); see the job summary for all ${findings.length}.`)}`,
    );
  }
  return {
    commands: lines.length ? `${lines.join('\n')}\n` : '',
    summary: summaryMarkdown(findings, checkedFiles, errors, warnings),
  };
}

function cell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/`/g, "'");
}

function summaryMarkdown(
  findings: readonly Finding[],
  checkedFiles: number,
  errors: number,
  warnings: number,
): string {
  const out = ['## opsbook validate', ''];
  if (findings.length === 0) {
    out.push(`✅ ${checkedFiles} files checked, no problems.`, '');
    return `${out.join('\n')}\n`;
  }
  out.push(`**${errors} errors, ${warnings} warnings** in ${checkedFiles} checked files.`, '');
  out.push('| File | Line | Severity | Rule | Message |', '| --- | ---: | --- | --- | --- |');
  for (const f of findings.slice(0, MAX_SUMMARY_ROWS)) {
    out.push(
      `| ${cell(f.file)} | ${f.line}:${f.col} | ${f.severity} | ${cell(f.code)} | ${cell(f.message)} |`,
    );
  }
  if (findings.length > MAX_SUMMARY_ROWS) {
    out.push(
      '',
      `… and ${findings.length - MAX_SUMMARY_ROWS} more; run \`opsbook validate --format json\` for all.`,
    );
  }
  return `${out.join('\n')}\n`;
}
